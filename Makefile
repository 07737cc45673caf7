# The two commands of the README. Everything else lives in scripts/.
.PHONY: run test bench-grid
run:
	./scripts/run.sh
test:
	./scripts/test.sh
bench-grid:
	./scripts/bench-grid.sh
