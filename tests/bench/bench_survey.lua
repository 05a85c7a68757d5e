-- wrk script of bench_survey.sh: each request a survey submission with a
-- new response id and a new client address, as the plain form
-- (BENCH_KIND=form: urlencoded POST, 303) or the API (BENCH_KIND=api:
-- JSON POST, 201). Counts the statuses and prints them at the end.
local kind = os.getenv("BENCH_KIND") or "form"
local threads = {}
-- tid is set per thread by setup(); the rest is per thread (own Lua state).
local counter, seed = 0, 0

function setup(thread)
	thread:set("tid", #threads + 1)
	table.insert(threads, thread)
end

function init(args)
	statuses = {}
	math.randomseed(os.time() * 1000 + tid * 7919)
	seed = math.random(0, 0x7fffffff)
end

local function uuid()
	counter = counter + 1
	return string.format("%08x-%04x-4%03x-8%03x-%012x", seed, tid % 65536,
	    math.random(0, 0xfff), math.random(0, 0xfff), counter)
end

function request()
	local id = uuid()
	local n = tid * 0x100000 + counter
	local xff = string.format("10.%d.%d.%d", math.floor(n / 65536) % 256,
	    math.floor(n / 256) % 256, n % 256)
	if kind == "api" then
		local body = '{"id":"' .. id .. '","survey":"satisfaction","site":"la-source",' ..
		    '"lang":"fr","answers":{"accueil":5,"explications":4,"demarche_reussie":"non",' ..
		    '"difficulte":["document","temps"],"domaine":"famille","autonome":"oui",' ..
		    '"rassure":"oui","recommande":9,"commentaire":"Merci beaucoup"}}'
		return wrk.format("POST", "/api/v1/responses", {
		    ["Content-Type"] = "application/json", ["X-Forwarded-For"] = xff }, body)
	end
	local body = "_id=" .. id .. "&accueil=5&explications=4&demarche_reussie=non" ..
	    "&difficulte=document&difficulte=temps&domaine=famille&autonome=oui" ..
	    "&rassure=oui&recommande=9&commentaire=Merci+beaucoup"
	return wrk.format("POST", "/s/satisfaction/la-source", {
	    ["Content-Type"] = "application/x-www-form-urlencoded",
	    ["X-Forwarded-For"] = xff }, body)
end

function response(status, headers, body)
	statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
	local all, stored = {}, 0
	for _, t in ipairs(threads) do
		local s = t:get("statuses")
		for k, v in pairs(s) do
			all[k] = (all[k] or 0) + v
		end
	end
	local line = ""
	for k, v in pairs(all) do
		line = line .. " " .. k .. "=" .. v
		if k == 201 or k == 303 then
			stored = stored + v
		end
	end
	io.write("statuses:" .. line .. " stored=" .. stored .. "\n")
end
