# Requests per second of /healthz (one trivial query) and of the home page
# (one query, JSON of opening hours, templates): wrk, 2 threads, 32
# connections, 10 s, no pipelining.
for path in /healthz /; do
	echo "-- GET $path"
	wrk -t2 -c32 -d10s --latency "$MESURE_TEST_BASE$path" | \
	    grep -E 'Requests/sec|Latency|50%|99%|Non-2xx|Socket errors'
done
