# finwave: see README.md. GNU make.
#
#   make          build build/finwave
#   make run      install missing Debian packages, build, start finwave
#   make test     install missing Debian packages, build, run every test
#   make asan     the same tests on a build with AddressSanitizer and UBSan
#   make bench    measure the probe, the engine's latency and the TUI's cost
#   make layers   check that every include follows the layers
#   make fuzz     fuzz the lesson parser with libFuzzer (FUZZ_SECONDS=60);
#                 make test runs a short fuzz over the seeds
#   make install  PREFIX (/usr/local) and DESTDIR are honoured; make uninstall
#   make man      make assets/finwave-lesson.5 again from lessons/README.md
#   make deb      a Debian package, build/deb/finwave_VERSION_ARCH.deb

PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
DATADIR	?= $(PREFIX)/share/finwave
VERSION	 = 0.1.0
# Where --help sends bug reports.
BUGS_URL = https://github.com/finwave/finwave/issues
# A build run from its own checkout reads the checkout's lessons; a package
# build sets CHECKOUT= so that no build path is baked into the binary.
CHECKOUT ?= $(CURDIR)
BUILD	?= build
SAN	?=

# Quiet by default: "  CC src/x.c"; V=1 shows the full commands.
ifeq ($(V),1)
Q	 =
SAY	 = @true
else
Q	 = @
SAY	 = @echo
endif

PKGS	 = ncursesw libpcap libmnl libnetfilter_queue
WARN	 = -Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes \
	   -Wmissing-prototypes -Wwrite-strings -Wpointer-arith -Wundef \
	   -Wswitch-enum
ifeq ($(CI),true)
WARN	+= -Werror
endif
CFLAGS	?= -O2 -g
FW_CFLAGS = -std=gnu11 -D_GNU_SOURCE $(WARN) -Iinclude $(SAN) \
	   $(shell pkg-config --cflags $(PKGS) 2>/dev/null) \
	   -DFINWAVE_VERSION='"$(VERSION)"' \
	   -DFINWAVE_LESSONS_DIR='"$(DATADIR)/lessons"' \
	   -DFINWAVE_CHECKOUT='"$(CHECKOUT)"' -DFINWAVE_BUGS='"$(BUGS_URL)"' \
	   $(CPPFLAGS) $(CFLAGS)
# libunistring (line breaking) ships no pkg-config file in Debian 12.
FW_LIBS	 = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lunistring

# Debian packages: to build, to run (the wire adds its rule with iptables),
# and to test.
DEB_BUILD = gcc make pkg-config libncurses-dev libpcap-dev libmnl-dev \
	    libnetfilter-queue-dev libunistring-dev
DEB_RUN	  = iptables
DEB_TEST  = libcmocka-dev tshark tmux iproute2 procps clang libclang-rt-14-dev \
	    librsvg2-bin libxml2-utils chromium fonts-wqy-microhei python3 \
	    mandoc pandoc man-db apparmor debhelper dpkg-dev lintian

SRCS	 = $(wildcard src/*.c src/*/*.c)
OBJS	 = $(SRCS:src/%.c=$(BUILD)/%.o)
LIBOBJS	 = $(filter-out $(BUILD)/main.o,$(OBJS))
UNITS	 = $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/test_*.c))
BENCHES	 = $(patsubst tests/bench/%.c,$(BUILD)/bench/%,$(wildcard tests/bench/*.c))

.PHONY: all run test asan bench fuzz fuzzer install uninstall man deb clean deps deps-test units layers FORCE

all: $(BUILD)/finwave

$(BUILD)/finwave: $(OBJS)
	$(SAY) "  LD  $@"
	$(Q)$(CC) $(FW_CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(FW_LIBS)

$(BUILD)/%.o: src/%.c $(wildcard include/*.h include/*/*.h) $(BUILD)/settings | $(BUILD)
	@mkdir -p $(@D)
	$(SAY) "  CC  $<"
	$(Q)$(CC) $(FW_CFLAGS) -c -o $@ $<

# Rebuild when a setting baked into the objects changes (PREFIX, flags).
SETTINGS = CC=$(CC) DATADIR=$(DATADIR) VERSION=$(VERSION) SAN=$(SAN) CFLAGS=$(CFLAGS) CPPFLAGS=$(CPPFLAGS) LDFLAGS=$(LDFLAGS) WARN=$(WARN) CHECKOUT=$(CHECKOUT) BUGS_URL=$(BUGS_URL)
$(BUILD)/settings: FORCE | $(BUILD)
	@echo '$(SETTINGS)' | cmp -s - $@ || echo '$(SETTINGS)' > $@

$(BUILD)/libfinwave.a: $(LIBOBJS)
	$(Q)$(AR) rcs $@ $(LIBOBJS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libfinwave.a | $(BUILD)
	@mkdir -p $(BUILD)/tests
	$(SAY) "  CC  $<"
	$(Q)$(CC) $(FW_CFLAGS) -o $@ $< $(BUILD)/libfinwave.a $(FW_LIBS) -lcmocka

$(BUILD)/bench/%: tests/bench/%.c $(BUILD)/libfinwave.a | $(BUILD)
	@mkdir -p $(BUILD)/bench
	$(SAY) "  CC  $<"
	$(Q)$(CC) $(FW_CFLAGS) -o $@ $< $(BUILD)/libfinwave.a $(FW_LIBS)

$(BUILD):
	@mkdir -p $(BUILD)

units: $(UNITS)

# The includes follow the layers (base < tcp < lesson < model < lab < run
# < tui) and curses stays in the drawing files; make test runs it too.
layers:
	@sh tests/layers/check.sh

# Install what is missing: as root through apt-get, otherwise say how.
deps:
	@sh tests/deps.sh $(DEB_BUILD) $(DEB_RUN)

deps-test:
	@sh tests/deps.sh $(DEB_BUILD) $(DEB_RUN) $(DEB_TEST)

run: deps
	@$(MAKE) --no-print-directory all
	./$(BUILD)/finwave

test: deps-test
	@$(MAKE) --no-print-directory all units fuzzer
	@FINWAVE=$(BUILD)/finwave UNITS="$(UNITS)" FUZZER=$(FUZZER) \
	    sh tests/run.sh

asan: deps-test
	@FINWAVE_SANITIZED=1 $(MAKE) --no-print-directory BUILD=build-asan \
	    CFLAGS="-O1 -g" \
	    SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    test

bench: deps-test
	@$(MAKE) --no-print-directory all $(BENCHES)
	@FINWAVE=$(BUILD)/finwave BENCH=$(BUILD)/bench sh tests/bench/run.sh

# The fuzzer links the library built again by clang with the fuzzer's
# instrumentation, so it takes whatever the parser needs, wherever it lives.
FUZZ_BUILD = build-fuzz
FUZZER	   = $(FUZZ_BUILD)/lesson_fuzz
FUZZ_SAN   = -fsanitize=fuzzer-no-link,address,undefined \
	     -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_SECONDS ?= 60

fuzzer: FORCE
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang \
	    CFLAGS="-O1 -g" SAN="$(FUZZ_SAN)" $(FUZZER)

$(BUILD)/lesson_fuzz: tests/fuzz/lesson_fuzz.c $(BUILD)/libfinwave.a
	$(SAY) "  LD  $@"
	$(Q)$(CC) $(FW_CFLAGS) -fsanitize=fuzzer -o $@ $< \
	    $(BUILD)/libfinwave.a $(FW_LIBS)

fuzz: deps-test fuzzer
	@mkdir -p $(FUZZ_BUILD)/corpus $(FUZZ_BUILD)/seeds
	@cp lessons/*.lesson tests/kernel/data/*.lesson tests/fuzz/seeds/*.lesson \
	    $(FUZZ_BUILD)/seeds/
	./$(FUZZER) -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	    -artifact_prefix=$(FUZZ_BUILD)/ $(FUZZ_BUILD)/corpus \
	    $(FUZZ_BUILD)/seeds

# What ships beside the binary (assets/): the man pages, the completion,
# the AppArmor profile, the README and the licence. The profile goes to
# /etc/apparmor.d only where the parser knows abi 4.0 (see the profile);
# elsewhere it is kept in DATADIR/apparmor (a package's postinst copies it
# from there where abi 4.0 exists). PREFIX-dependent paths in the pages and
# the profile are filled in here.
MANDIR	 ?= $(PREFIX)/share/man
DOCDIR	 ?= $(PREFIX)/share/doc/finwave
COMPDIR	 ?= $(PREFIX)/share/bash-completion/completions
APPARMOR ?= /etc/apparmor.d
APPARMOR_DEST = $(if $(wildcard $(APPARMOR)/abi/4.0),$(APPARMOR),$(DATADIR)/apparmor)
FILL	 = sed -e 's|@DATADIR@|$(DATADIR)|g' -e 's|@DOCDIR@|$(DOCDIR)|g' \
	       -e 's|@BINDIR@|$(BINDIR)|g'

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/lessons \
	    $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
	    $(DESTDIR)$(COMPDIR) $(DESTDIR)$(DOCDIR) $(DESTDIR)$(APPARMOR_DEST)
	install -m 755 $(BUILD)/finwave $(DESTDIR)$(BINDIR)/finwave
	install -m 644 lessons/*.lesson $(DESTDIR)$(DATADIR)/lessons/
	$(FILL) assets/finwave.1 >$(DESTDIR)$(MANDIR)/man1/finwave.1
	$(FILL) assets/finwave-lesson.5 >$(DESTDIR)$(MANDIR)/man5/finwave-lesson.5
	install -m 644 assets/finwave.bash $(DESTDIR)$(COMPDIR)/finwave
	$(FILL) assets/apparmor/finwave >$(DESTDIR)$(APPARMOR_DEST)/finwave
	install -m 644 README.md LICENSE $(DESTDIR)$(DOCDIR)/

# Exactly what install put, then the folders of finwave's own that it made,
# if they are empty (shared ones such as BINDIR stay).
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/finwave $(DESTDIR)$(MANDIR)/man1/finwave.1 \
	    $(DESTDIR)$(MANDIR)/man5/finwave-lesson.5 $(DESTDIR)$(COMPDIR)/finwave \
	    $(DESTDIR)$(APPARMOR)/finwave $(DESTDIR)$(DATADIR)/apparmor/finwave \
	    $(DESTDIR)$(DOCDIR)/README.md $(DESTDIR)$(DOCDIR)/LICENSE
	rm -rf $(DESTDIR)$(DATADIR)/lessons
	-rmdir $(DESTDIR)$(DATADIR)/apparmor $(DESTDIR)$(DATADIR) \
	    $(DESTDIR)$(DOCDIR) $(DESTDIR)$(COMPDIR) \
	    $(DESTDIR)$(PREFIX)/share/bash-completion 2>/dev/null

# finwave-lesson(5) is made from lessons/README.md (needs pandoc); the
# page is committed, so a build never needs pandoc. Run after editing the
# README's lesson format; tests/pkg/man.sh fails until it is run.
man:
	sh assets/man/lesson.sh lessons/README.md >assets/finwave-lesson.5.tmp
	mv assets/finwave-lesson.5.tmp assets/finwave-lesson.5

# A Debian package, built by debhelper from a copy of the tree in
# build/deb/ whose debian/ is assets/debian/: build/deb/finwave_*.deb.
DEB_DIR	 = build/deb
deb:
	rm -rf $(DEB_DIR)
	mkdir -p $(DEB_DIR)/finwave-$(VERSION)
	tar -c --exclude=./build --exclude=./build-asan --exclude=./build-fuzz \
	    --exclude=./.git . | tar -x -C $(DEB_DIR)/finwave-$(VERSION)
	cp -R assets/debian $(DEB_DIR)/finwave-$(VERSION)/debian
	cd $(DEB_DIR)/finwave-$(VERSION) && dpkg-buildpackage -b -us -uc
	@ls $(DEB_DIR)/finwave_*.deb

clean:
	rm -rf build build-asan $(FUZZ_BUILD)
