/*
 * fuzz_pdfverify – libFuzzer harness for the report verifier
 * (reports/verify.c) and the PDF reader under it (reports/pdfobj.c):
 * what the /verify page does with a file anyone uploads. Every input
 * must end in a verdict, never a crash, a hang, a leak or a read out of
 * bounds; the cross-reference reader of the signer gets the same bytes.
 *
 * The report sources are compiled into the harness (the fuzz build links
 * app/core only). Seeds in tests/fuzz/corpus/pdfverify: a small signed
 * report, altered, appended, truncated, with a lying ByteRange, and
 * hand-made oddities.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../../reports/cms.c"
#include "../../reports/pdfobj.c"
#include "../../reports/verify.c"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * A development CA (mk/pki.sh) that signed none of the seeds: a sound
 * signature is "not ours"; a file signed under it would be "valid".
 */
static const char ca_pem[] =
"-----BEGIN CERTIFICATE-----\n"
"MIIB/jCCAaOgAwIBAgIUdSRTGheqp0SJRGPNAfHIpejPGiwwCgYIKoZIzj0EAwIw\n"
"TDELMAkGA1UEBhMCRlIxIDAeBgNVBAoMF01lc3VyZSAoZMOpdmVsb3BwZW1lbnQp\n"
"MRswGQYDVQQDDBJNZXN1cmUgRGV2IFJvb3QgQ0EwHhcNMjYxMTI4MTQ1MTE1WhcN\n"
"MzYxMTI1MTQ1MTE1WjBMMQswCQYDVQQGEwJGUjEgMB4GA1UECgwXTWVzdXJlIChk\n"
"w6l2ZWxvcHBlbWVudCkxGzAZBgNVBAMMEk1lc3VyZSBEZXYgUm9vdCBDQTBZMBMG\n"
"ByqGSM49AgEGCCqGSM49AwEHA0IABOtJXsmoTWYMjaqtl4zSzcqUPk8SWdq4NgLH\n"
"lnt45k89akIpisujgLLBarX6n27wlA3en74qqqLeHBMWUp4lWq2jYzBhMB0GA1Ud\n"
"DgQWBBShThR36ZclSFrb5DKH6CACpvM7RzAfBgNVHSMEGDAWgBShThR36ZclSFrb\n"
"5DKH6CACpvM7RzAPBgNVHRMBAf8EBTADAQH/MA4GA1UdDwEB/wQEAwIBBjAKBggq\n"
"hkjOPQQDAgNJADBGAiEAt/Ix/PadZMSkXznPuRuZKVQY0yM9JmqffvaR59BgoIkC\n"
"IQC7GeRcA35SrMDH/5nVWzCzD+b+Q6W4H22Js/7DTY3AzQ==\n"
"-----END CERTIFICATE-----\n";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct report_verification	 r;
	struct pdf_xref			 x;
	struct pdf_value		 v;

	/* The verifier, with and without a CA to check against. */
	report_verify(data, size, NULL, 0, &r);
	if ((size_t)r.verdict >= REPORT_VERDICT__MAX)
		__builtin_trap();
	if (r.signed_len > size)
		__builtin_trap();
	if (size > 0 && (data[0] & 1))
		report_verify(data, size, ca_pem, sizeof(ca_pem) - 1, &r);

	/* The signer's reader: trailer, catalog, its pages. */
	if (pdf_xref_read(data, size, &x) == 0) {
		if (pdf_xref_obj(data, size, &x, x.root, &v) == 0 &&
		    v.type == PDF_T_DICT_OPEN && v.end <= size)
			(void)pdf_dict_get(data, size, v.start, "Pages", &v);
		pdf_xref_free(&x);
	}
	return (0);
}
