# The two commands of the README. Everything else lives in scripts/.
.PHONY: run test bench-grid bench-load
run:
	./scripts/run.sh
test:
	./scripts/test.sh
bench-grid:
	./scripts/bench-grid.sh
bench-load:
	CAPAIAN_LOAD_SECS=60 cargo test -p server --test load -- --nocapture
