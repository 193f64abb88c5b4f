# Ember's commands. `make demo` and `make test` do all their own set-up:
# a virtualenv in .venv, the Python dev tools, and a build of the engine.

VENV ?= .venv
PY := $(VENV)/bin/python
export CARGO_TARGET_DIR ?= $(HOME)/.cache/ember-target
export VIRTUAL_ENV := $(abspath $(VENV))

.PHONY: demo test test-rust test-python lint fmt develop bench clean

$(VENV)/.deps: requirements-dev.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-dev.txt
	$(PY) -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $@

## develop: build the engine and install ember into .venv (editable)
develop: $(VENV)/.deps
	$(VENV)/bin/maturin develop --quiet

## demo: run the demo job
demo: develop
	$(PY) examples/demo.py

## test: the whole suite (engine unit tests, API tests, notebooks, doctests)
test: develop test-rust test-python

test-rust:
	cargo test --lib --features python --quiet

test-python: develop
	$(PY) -m pytest -q

## lint: formatting and lints, Rust and Python
lint: $(VENV)/.deps
	cargo fmt --check
	cargo clippy --all-targets --features python --quiet -- -D warnings
	$(VENV)/bin/ruff check python tests benches examples
	$(VENV)/bin/ruff format --check python tests benches examples

fmt: $(VENV)/.deps
	cargo fmt
	$(VENV)/bin/ruff format python tests benches examples

## compat: run PySpark 4.3's doctests against Ember and rewrite docs/compatibility.md
.PHONY: compat
compat: develop
	PYTHONHASHSEED=0 $(PY) tests/compat/report.py

## bench: the start-up and tiny-query benchmark against the peers (release build)
bench: $(VENV)/.deps
	$(VENV)/bin/maturin develop --release --quiet
	$(PY) benches/run.py

clean:
	rm -rf $(VENV)
