# The two commands of the README:
#   make run   — all set-up, then the app on the demo portfolio
#   make test  — all set-up, then every test (Rust, UI, CLI and the real app window)
.PHONY: run test setup ui app bench clean

CARGO ?= cargo

setup:
	./scripts/setup.sh

ui: setup
	cd ui && npm run build

app: ui
	$(CARGO) build -p continuum-app

run: app
	$(CARGO) run -p continuum-app

# One `cargo test` builds every crate once (the app binary too, through src-tauri/tests/binary.rs,
# and the CLI binary); the window test then reuses target/debug/continuum-app and continuum.
test: ui
	cd ui && npm test
	CONTINUUM_SKIP_UI_BUILD=1 $(CARGO) test --workspace --exclude continuum-e2e
	CONTINUUM_E2E=1 xvfb-run -a $(CARGO) test -p continuum-e2e -- --nocapture

clean:
	$(CARGO) clean
	rm -rf ui/dist ui/node_modules
