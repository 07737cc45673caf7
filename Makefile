# The two commands of the README. Everything else lives in scripts/.
.PHONY: run test bench-grid bench-load bench-import bench-merge bench-sipd
run:
	./scripts/run.sh
test:
	./scripts/test.sh
bench-grid:
	./scripts/bench-grid.sh
bench-import:
	./scripts/bench-import.sh
bench-sipd:
	./scripts/bench-sipd.sh
bench-merge:
	./scripts/bench-merge.sh
bench-load:
	CAPAIAN_LOAD_SECS=60 cargo test -p server --test load -- --nocapture
