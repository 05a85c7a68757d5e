# Mesure – build, run and test.
#
# Two commands do everything on a fresh Debian 12 machine, as root:
#   make run    install, build, start a private database under var/, migrate,
#               load the demo data and serve on http://127.0.0.1:$(PORT)/
#   make test   the same on a throwaway database and port, then every suite.
#
# The work is split in mk/*.mk by concern; this file holds the settings and
# the one list of Debian packages the project needs.

PORT		?= 8888
DB_PORT		?= 5499
WORKERS		?= 2

TOP		:= $(CURDIR)
BUILD		:= $(TOP)/build
VAR		:= $(TOP)/var

# Every Debian package Mesure needs, to build, run and test. mk/deps.mk
# installs the missing ones with apt-get. (zbar-tools: the tests decode
# the QR codes Mesure prints; nginx-light: the proxy suite runs the
# shipped conf/nginx/mesure.conf in front of kore; systemd: the conf
# suite runs systemd-analyze verify on conf/systemd.)
DEBIAN_PACKAGES := \
	build-essential pkg-config clang libclang-rt-14-dev \
	kore libssl-dev libpq-dev \
	postgresql postgresql-contrib \
	libhpdf-dev zlib1g-dev libsodium-dev libqrencode-dev libxlsxwriter-dev \
	fonts-dejavu-core \
	poppler-utils qpdf libnss3-tools openssl \
	python3 nodejs chromium \
	wrk valgrind curl procps iproute2 passwd util-linux \
	zbar-tools nginx-light systemd

.PHONY: all run stop test psql deps build check-conf clean distclean

all: build

include mk/deps.mk
include mk/build.mk
include mk/db.mk
include mk/run.mk
include mk/test.mk
include mk/fuzz.mk
include mk/asan.mk
include mk/ops.mk
