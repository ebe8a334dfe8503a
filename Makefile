# Journey Map Studio: `make run` opens the editor on the example map, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
# Debian packages: a real window (xvfb ...), PDF checks (poppler-utils), CJK and emoji fonts,
# a real browser for the room's phone page (chromium, chromium-driver).
SYSTEM_PACKAGES := xvfb xauth libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxkbcommon-x11-0 \
	libegl1 libgl1 libfontconfig1 libdbus-1-3 poppler-utils fonts-wqy-microhei fonts-symbola \
	chromium chromium-driver

.PHONY: run test bench fuzz lint translations system-packages clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test]'
	rm -f $(VENV)/.installed-*; touch $(STAMP)

system-packages:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing system packages:$$missing"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing) >/dev/null; \
	else \
		echo "Some tests need system packages. Install them with:"; \
		echo "  sudo apt-get install$$missing"; \
	fi

run: $(STAMP)
	$(VENV)/bin/journeymap resources/examples/b2b-hardware.journey.json

test: $(STAMP) system-packages
	$(VENV)/bin/ruff check app tests benchmarks
	$(VENV)/bin/lint-imports
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

# The fuzz suite at full size: FUZZ_EXAMPLES cases (default 100,000) over all targets (tests/fuzz).
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz QT_QPA_PLATFORM=offscreen $(PY) -m pytest -p no:cacheprovider tests/fuzz \
		--hypothesis-show-statistics

bench: $(STAMP)
	$(PY) -m compileall -q app benchmarks  # (bytecode, as an installed editor has it)
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks

# The UI catalogues resources/i18n/journeymap_LANG.ts (pyside6-lupdate) and their .qm files
# (pyside6-lrelease); `make translations LANGS=fr` starts a new language.
translations: $(STAMP)
	$(PY) resources/i18n/catalogue.py $(LANGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check app tests benchmarks
	$(VENV)/bin/lint-imports

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache .hypothesis
