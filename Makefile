# Two commands do all the set-up (README): `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_PACKAGES := tesseract-ocr tesseract-ocr-fra tesseract-ocr-eng poppler-utils fonts-dejavu-core fonts-liberation fonts-freefont-ttf
TEST_PACKAGES := ceph-mon ceph-osd radosgw ceph-common chromium nginx-light
# bench/pipeline.py compares with OCRmyPDF (the `bench` extra); OCRmyPDF 17 rasterises with
# pypdfium2 and needs no Ghostscript for --output-type pdf, so no Debian package beyond RUN_PACKAGES.
# bench/foreign_set.py draws the handwritten letters of the foreign evaluation set with these.
HANDWRITING_FONTS := fonts-dkg-handwriting fonts-breip fonts-femkeklaver fonts-humor-sans fonts-ecolier-court
BENCH_PACKAGES := $(HANDWRITING_FONTS)
DEMO_HOME := $(CURDIR)/.run/demo
export OMP_THREAD_LIMIT := 1
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1

.PHONY: run test setup setup-test bench bench-setup smoke docs-screenshots clean

run: setup
	@rm -rf "$(DEMO_HOME)"
	AIGUILLAGE_HOME="$(DEMO_HOME)" $(BIN)/aiguillage run samples/

test: setup setup-test
	bash scripts/run-tests.sh $(BIN)

setup: .run/debian-run.ok $(BIN)/.installed

setup-test: .run/debian-test.ok $(BIN)/.installed-dev

.run/debian-run.ok: scripts/ensure-debian-packages.sh Makefile
	@mkdir -p .run
	@bash scripts/ensure-debian-packages.sh $(RUN_PACKAGES)
	@touch $@

.run/debian-test.ok: scripts/ensure-debian-packages.sh Makefile
	@mkdir -p .run
	@bash scripts/ensure-debian-packages.sh $(TEST_PACKAGES)
	@touch $@

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(BIN)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	@touch $@

$(BIN)/.installed-dev: pyproject.toml $(BIN)/.installed
	$(BIN)/pip install -q -e '.[dev]'
	@touch $@

bench-setup: setup $(BIN)/.installed-bench
	@bash scripts/ensure-debian-packages.sh $(BENCH_PACKAGES)

$(BIN)/.installed-bench: pyproject.toml $(BIN)/.installed
	$(BIN)/pip install -q -e '.[bench]'
	@touch $@

bench: bench-setup
	$(BIN)/python bench/pipeline.py

# The production topology of deploy/ on this machine (not part of `make test`): Ceph gateway,
# PostgreSQL, Prefect server on it, serve, two workers, web behind nginx; a batch pushed and checked.
smoke: setup setup-test
	@bash scripts/ensure-debian-packages.sh postgresql
	$(BIN)/python scripts/smoke.py

# docs/dashboard.png, docs/status.png, docs/status-cli.png from a real run scraped by Prometheus
docs-screenshots: setup setup-test
	@bash scripts/ensure-debian-packages.sh prometheus
	$(BIN)/python scripts/render_dashboard.py

clean:
	rm -rf .run build *.egg-info
