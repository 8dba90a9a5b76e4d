# ssg — see README.md.  `make site` and `make test` install what they need.

PREFIX  ?= /usr/local
BUILD   ?= build
CC      ?= cc
CFLAGS  ?= -O2 -g
WARN     = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wformat=2 -Wvla
ifdef WERROR
WARN    += -Werror
endif
LIBS     = -lgit2 -lcmark -lcsv -lutf8proc -ljansson -lyaml -lzip -lmicrohttpd -lcrypto -lz -lm
ALL_CPPFLAGS = -D_POSIX_C_SOURCE=200809L -Issg -I$(BUILD)/gen $(CPPFLAGS)
ALL_CFLAGS   = $(WARN) -pthread $(CFLAGS) $(SAN)
ALL_LDFLAGS  = -pthread $(LDFLAGS) $(SAN)

# Debian packages the build and the tests need.
PKGS = gcc make pkg-config git libgit2-dev libcmark-dev libcsv-dev \
       libcmocka-dev libutf8proc-dev libjansson-dev libyaml-dev \
       libzip-dev libmicrohttpd-dev libssl-dev curl unzip groff-base iproute2 \
       python3 time zlib1g-dev clang libclang-rt-14-dev valgrind gettext \
       node-csv-spectrum
# ... and the browser tests (tests/browser): Debian's Chromium, Node.js for
# playwright-core and axe-core, Java for the Nu HTML checker.  CMD:PKG pairs
# are installed only when CMD is missing, since another package may provide
# it (NodeSource's nodejs ships npm and conflicts with Debian's npm).
BROWSER_PKGS = chromium nodejs
BROWSER_CMDS = npm:npm java:default-jre-headless

SRC       = $(filter-out ssg/main.c,$(wildcard ssg/*.c))
OBJ       = $(SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/gen/theme_data.o
THEME     = $(sort $(shell find theme -type f 2>/dev/null))
UNIT      = $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/test_*.c))

.PHONY: all deps site test unit e2e faults content browser asan tsan install clean bench \
        replay bad fuzz valgrind demo pot po-check

# The messages' catalogues (po/LANG.po), compiled where a built ssg finds
# them (locale/ beside the executable) and installed under LOCALEDIR.
LOCALEDIR ?= $(PREFIX)/share/locale
LINGUAS    = vi
MO         = $(LINGUAS:%=$(BUILD)/locale/%/LC_MESSAGES/ssg.mo)

all: $(BUILD)/ssg $(MO)

# Installs missing packages when run as root on Debian; otherwise only
# says what is missing.  The stamp keeps later runs quiet and fast.
# install_missing PKGS,CMD:PKG...
define install_missing
	@mkdir -p $(BUILD)
	@missing=$$(for p in $(1); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; \
	  done; \
	  for cp in $(2); do command -v $${cp%%:*} >/dev/null 2>&1 || echo $${cp#*:}; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing: $$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || exit 1; \
	  else \
	    echo "Missing Debian packages: $$missing (run as root or install them)"; exit 1; \
	  fi; \
	fi
	@touch $@
endef

deps: $(BUILD)/.deps
$(BUILD)/.deps: Makefile
	$(call install_missing,$(PKGS))

$(BUILD)/.browser-deps: Makefile
	$(call install_missing,$(BROWSER_PKGS),$(BROWSER_CMDS))

$(BUILD)/obj/%.o: %.c | $(BUILD)/.deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/obj/ssg/i18n.o: ALL_CPPFLAGS += -DSSG_LOCALEDIR='"$(LOCALEDIR)"'

# -c checks that each translation keeps its format's conversions.
$(BUILD)/locale/%/LC_MESSAGES/ssg.mo: po/%.po | $(BUILD)/.deps
	@mkdir -p $(dir $@)
	msgfmt -c -o $@.tmp $< && mv $@.tmp $@

# ---- messages (gettext) ---------------------------------------------
# Locations are files without line numbers and the template has no date,
# so that po/ changes only when messages do (several people change the
# sources at once).
# xgettext finds the messages by the functions they are passed to: the
# diagnostics (translated centrally by err.c), _() and N_(), and each
# module's own reporting function, named for its file alone (a name such
# as `fail` means something else elsewhere).  The argument is the format's
# position.
XGETTEXT_KEYWORDS = -k_ -kN_ -kssg_diags_error:5 -kssg_diags_env:2 \
	-kssg_diags_add:6 -kssg_diags_vadd:6 -kssg_diags_msg:6 \
	-kssg_progress_note:2 -kssg_progress_phase:2 \
	-kssg_i18n_plural:1,2
XGETTEXT_FLAGS = --flag=ssg_diags_error:5:c-format \
	--flag=ssg_diags_env:2:c-format --flag=ssg_diags_add:6:c-format \
	--flag=ssg_diags_vadd:6:c-format --flag=ssg_progress_note:2:c-format \
	--flag=ssg_i18n_plural:1:c-format --flag=ssg_i18n_plural:2:c-format
# FILE:FUNCTION:ARG for the modules' own wrappers (and a function's
# second translated argument: xgettext takes one keyword spec per name).
XGETTEXT_LOCAL = ssg/*.c:ssg_progress_phase:3 ssg/frontmatter.c:fm_error:4 ssg/markdown.c:md_error:4 \
	ssg/markdown.c:md_error_msg:4 ssg/markdown.c:sc_fail:3 \
	ssg/table.c:fail:5 ssg/lint.c:warn:5 ssg/*.c:ssg_repo_fail:2
XGETTEXT = xgettext --from-code=UTF-8 --language=C --no-wrap \
	--package-name=ssg --msgid-bugs-address=ssg-issues --sort-by-file \
	--add-location=file \
	--add-comments=TRANSLATORS:
POT_SRC = $(sort $(wildcard ssg/*.c))

# po/ssg.pot from the sources, into $(1).
define make_pot
	$(XGETTEXT) $(XGETTEXT_KEYWORDS) $(XGETTEXT_FLAGS) -o $(1) $(POT_SRC)
	@for l in $(XGETTEXT_LOCAL); do f=$${l%%:*}; k=$${l#*:}; \
	  out=$$($(XGETTEXT) -j -k$$k --flag=$$k:c-format -o $(1) $$f 2>&1) || \
	    { echo "$$out"; exit 1; }; \
	  echo "$$out" | grep -v -e 'Empty msgid' -e 'gettext("")' \
	    -e 'meta information' || :; done
	@sed -i '/^"POT-Creation-Date: /d' $(1)
endef

# Regenerates po/ssg.pot and merges it into every po/LANG.po; new
# messages come in untranslated, changed ones fuzzy (po-check fails on
# both until they are translated).
pot: | $(BUILD)/.deps
	$(call make_pot,po/ssg.pot)
	@for l in $(LINGUAS); do msgmerge -q --no-wrap --add-location=file -U --backup=none po/$$l.po po/ssg.pot && \
	  msgattrib --no-wrap --no-obsolete -o po/$$l.po po/$$l.po || exit 1; done

# Every message of the source is in each catalogue, translated and not
# fuzzy, and no other; each translation keeps its conversions; a module that
# reports through a function of its own has it named to xgettext.
po-check: | $(BUILD)/.deps
	@for f in $$(grep -l 'ssg_diags_vadd' ssg/*.c); do \
	  [ $$f = ssg/err.c ] || echo "$(XGETTEXT_LOCAL)" | grep -q "$$f:" || \
	  { echo "$$f reports through its own function: name it in XGETTEXT_LOCAL"; exit 1; }; done
	@mkdir -p $(BUILD)/po
	@$(call make_pot,$(BUILD)/po/ssg.pot) >/dev/null
	@for l in $(LINGUAS); do \
	  msgcmp po/$$l.po $(BUILD)/po/ssg.pot 2>$(BUILD)/po/$$l.cmp || \
	    { cat $(BUILD)/po/$$l.cmp; exit 1; }; \
	  ! grep -q 'not used' $(BUILD)/po/$$l.cmp || { cat $(BUILD)/po/$$l.cmp; \
	    echo "po/$$l.po has messages the source no longer has: run make pot"; exit 1; }; \
	  msgfmt -c --statistics -o /dev/null po/$$l.po 2>&1 | tee $(BUILD)/po/$$l.stat; \
	  ! grep -q 'fuzzy\|untranslated' $(BUILD)/po/$$l.stat || { echo "po/$$l.po: translate the messages above (make pot, then edit po/$$l.po)"; exit 1; }; \
	done

$(BUILD)/tools/embed: tools/embed.c | $(BUILD)/.deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $< -o $@ $(ALL_LDFLAGS)

# The default theme is compiled into the binary so that a repository
# without theme/ still builds.
$(BUILD)/gen/theme_data.c: $(BUILD)/tools/embed $(THEME)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed $(THEME) > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/theme_data.o: $(BUILD)/gen/theme_data.c
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/libssg.a: $(OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/ssg: $(BUILD)/obj/ssg/main.o $(BUILD)/libssg.a
	$(CC) $^ -o $@ $(ALL_LDFLAGS) $(LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libssg.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -DSHARED_DIR='"$(abspath ../shared)"' \
	  $< $(BUILD)/libssg.a -o $@ $(ALL_LDFLAGS) $(LIBS) -lcmocka

# With its message catalogue: build/ssg speaks Vietnamese under a
# Vietnamese locale from the first `make site`.
site: $(BUILD)/ssg $(MO)
	$(BUILD)/ssg build -o public

# test_i18n finds the catalogues as ssg does, beside itself.
unit: $(UNIT) $(MO) $(BUILD)/tests/locale
	@tests/run-unit.sh $(UNIT)
$(BUILD)/tests/locale:
	@mkdir -p $(dir $@)
	ln -sfn ../locale $@

e2e: $(BUILD)/ssg $(MO)
	@SSG=$(abspath $(BUILD)/ssg) tests/e2e/run.sh

# Kills, signals, concurrent builds, damaged state, encodings (tests/faults).
faults: $(BUILD)/ssg $(MO)
	@SSG=$(abspath $(BUILD)/ssg) tests/e2e/run.sh tests/faults

# The npm packages, at the versions of tests/browser/package-lock.json;
# their install scripts are not run (vnu-jar's would fetch a Java).
tests/browser/node_modules/.package-lock.json: tests/browser/package-lock.json | $(BUILD)/.browser-deps
	cd tests/browser && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error

# The site of a repository with history, checked in Chromium; the site is
# kept in $(BUILD)/browser-site and pictures in $(BUILD)/screenshots.
browser: $(BUILD)/ssg tests/browser/node_modules/.package-lock.json
	@tests/browser/selftest.sh
	@SSG=$(abspath $(BUILD)/ssg) tests/browser/run.sh $(BUILD)/browser-site $(BUILD)/screenshots

test: deps
	@$(MAKE) --no-print-directory unit
	@$(MAKE) --no-print-directory e2e
	@$(MAKE) --no-print-directory faults
	@$(MAKE) --no-print-directory content
	@$(MAKE) --no-print-directory replay bad po-check
	@$(MAKE) --no-print-directory browser

# The whole suite under AddressSanitizer and UndefinedBehaviorSanitizer;
# tests/lsan.supp says why one leak inside libgit2 is not reported.
asan: deps
	@LSAN_OPTIONS="suppressions=$(CURDIR)/tests/lsan.supp print_suppressions=0" \
	  $(MAKE) --no-print-directory BUILD=build-asan CFLAGS='-O1 -g -fno-omit-frame-pointer' \
	  SAN='-fsanitize=address,undefined -fno-sanitize-recover=all' unit e2e faults replay bad

# The threads (pages and revision copies; the history walk's tree pass)
# under ThreadSanitizer: the end-to-end tests, the pool's own tests, the
# output's (a copy's sub-tree written beside the main site) and the
# history unit tests, whose 10,000-commit walk takes both threads, and
# the snapshot's (700 pages read ahead on two threads), the posts'
# texts (handed from two renders to the search index), the tables'
# versions read ahead of the history walk and its cache, written beside
# the build.
# tests/tsan.supp says why two classes of report are ignored (libgit2 is
# not built with TSan; a stop's _exit leaves a finished pool thread
# unjoined).  Of the fault tests, t_kill (signals while the threads work:
# about a minute under TSan; all of tests/faults took over two).
TSAN_OPTS = halt_on_error=1 suppressions=$(CURDIR)/tests/tsan.supp
tsan: deps
	@TSAN_OPTIONS="$(TSAN_OPTS)" $(MAKE) --no-print-directory BUILD=build-tsan CC=clang CFLAGS='-O1 -g' \
	  SAN='-fsanitize=thread' build-tsan/tests/test_history build-tsan/tests/test_pool \
	  build-tsan/tests/test_out build-tsan/tests/test_pages_plan build-tsan/tests/test_hview \
	  build-tsan/tests/test_repo build-tsan/tests/test_posttext \
	  build-tsan/tests/test_history_ahead build-tsan/tests/test_outflush \
	  build-tsan/tests/test_sitegen build-tsan/tests/test_history_cache e2e
	@TSAN_OPTIONS="$(TSAN_OPTS)" build-tsan/tests/test_pool >/dev/null
	@TSAN_OPTIONS="$(TSAN_OPTS)" build-tsan/tests/test_pages_plan >/dev/null
	@TSAN_OPTIONS="$(TSAN_OPTS)" build-tsan/tests/test_out >/dev/null
	@TSAN_OPTIONS="$(TSAN_OPTS)" build-tsan/tests/test_history >/dev/null
	@TSAN_OPTIONS="$(TSAN_OPTS)" build-tsan/tests/test_hview >/dev/null
	@TSAN_OPTIONS="$(TSAN_OPTS)" build-tsan/tests/test_repo >/dev/null
	@TSAN_OPTIONS="$(TSAN_OPTS)" build-tsan/tests/test_posttext >/dev/null
	@TSAN_OPTIONS="$(TSAN_OPTS)" build-tsan/tests/test_history_ahead >/dev/null
	@TSAN_OPTIONS="$(TSAN_OPTS)" build-tsan/tests/test_history_cache >/dev/null
	@TSAN_OPTIONS="$(TSAN_OPTS)" build-tsan/tests/test_outflush >/dev/null
	@TSAN_OPTIONS="$(TSAN_OPTS)" build-tsan/tests/test_sitegen >/dev/null
	@TSAN_OPTIONS="$(TSAN_OPTS)" SSG=$(abspath build-tsan/ssg) \
	  sh tests/faults/t_kill.sh >build-tsan/t_kill.log 2>&1 || \
	  { tail -n 20 build-tsan/t_kill.log; exit 1; }

# ---- untrusted input (issue 4): bad inputs, fuzzing, valgrind ----------
# tests/bad/: each bad repository must fail cleanly (see run.sh there).
bad: $(BUILD)/ssg $(MO)
	@SSG=$(abspath $(BUILD)/ssg) tests/bad/run.sh

# Every corpus file through its harness, built with the ordinary compiler,
# so that each input that ever crashed stays fixed.
FUZZ      = table frontmatter template markdown hcache
FUZZ_RUNS ?= 20000
$(BUILD)/fuzz/replay_%: fuzz/fuzz_%.c fuzz/replay.c fuzz/fuzz.h $(BUILD)/libssg.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CPPFLAGS) -Ifuzz $(ALL_CFLAGS) fuzz/replay.c $< \
	  $(BUILD)/libssg.a -o $@ $(ALL_LDFLAGS) $(LIBS)
replay: $(FUZZ:%=$(BUILD)/fuzz/replay_%)
	@for h in $(FUZZ); do $(BUILD)/fuzz/replay_$$h fuzz/corpus/$$h || exit 1; done

# libFuzzer (clang): FUZZ_RUNS executions per harness; new inputs go to
# build-fuzz/corpus/, crashes to build-fuzz/ (add them to fuzz/corpus/).
$(BUILD)/fuzz/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz.h $(BUILD)/libssg.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CPPFLAGS) -Ifuzz $(ALL_CFLAGS) -fsanitize=fuzzer $< \
	  $(BUILD)/libssg.a -o $@ $(ALL_LDFLAGS) $(LIBS)
fuzz: deps
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang CFLAGS='-O1 -g' \
	  CPPFLAGS='-DSSG_TPL_MAX_STEPS=200000ull' \
	  SAN='-fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=all' \
	  $(FUZZ:%=build-fuzz/fuzz/fuzz_%)
	@for h in $(FUZZ); do mkdir -p build-fuzz/corpus/$$h && \
	  build-fuzz/fuzz/fuzz_$$h -runs=$(FUZZ_RUNS) -timeout=10 -max_len=16384 \
	    -artifact_prefix=build-fuzz/$$h- build-fuzz/corpus/$$h fuzz/corpus/$$h \
	    || exit 1; done

# The end-to-end tests with ssg under valgrind.
$(BUILD)/ssg-valgrind: $(BUILD)/ssg
	printf '#!/bin/sh\nexec valgrind -q --error-exitcode=99 --leak-check=full %s "$$@"\n' \
	  '$(abspath $(BUILD)/ssg)' > $@ && chmod +x $@
valgrind: deps $(BUILD)/ssg-valgrind $(MO)
	@SSG=$(abspath $(BUILD)/ssg-valgrind) tests/e2e/run.sh

# The transcription of the official plan drops nothing from the seed,
# which is only in ../shared: a clone without it says so.
SEED = ../shared/seed/000_ccf6e819d9eb2d65.txt
content:
	@if [ -f $(SEED) ]; then python3 tests/content/check-seed.py . $(SEED); \
	else echo "content: DID NOT RUN: $(SEED) is not here (the seed is only in ../shared)"; fi

# A benchmark, not a test: ssg beside Hugo and git on generated
# repositories (cached in $(BUILD)/bench); BENCH_RUNS=N, BENCH_PRESETS=...
# See tools/bench/run.sh.  Hugo is installed when missing and run as root.
bench: $(BUILD)/ssg
	@command -v hugo >/dev/null || [ "$$(id -u)" != 0 ] || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo >/dev/null; } || true
	@tools/bench/run.sh $(BUILD)/ssg $(BUILD)/bench

# A plan repository spanning 2024 and 2025 (tools/demo/make-demo.py: the
# seed plan, a year of results, a revision, the 2025 plan, the commune
# merger of 1/7/2025) and its site, in $(BUILD)/demo-site.
demo: $(BUILD)/ssg $(MO)
	rm -rf $(BUILD)/demo-repo
	python3 tools/demo/make-demo.py $(BUILD)/demo-repo
	$(BUILD)/ssg build -C $(BUILD)/demo-repo -o $(BUILD)/demo-site

install: $(BUILD)/ssg $(MO)
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(BUILD)/ssg $(DESTDIR)$(PREFIX)/bin/ssg
	install -d $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 644 doc/ssg.1 $(DESTDIR)$(PREFIX)/share/man/man1/ssg.1
	@for l in $(LINGUAS); do \
	  install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
	  install -m 644 $(BUILD)/locale/$$l/LC_MESSAGES/ssg.mo \
	    $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/ssg.mo || exit 1; done

clean:
	rm -rf build build-asan build-fuzz public

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
