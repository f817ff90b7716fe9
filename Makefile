# The two commands of the README, and the size benchmark.
.PHONY: demo test bench setup
demo:
	scripts/demo.sh
test:
	scripts/test.sh
bench:
	scripts/bench.sh
setup:
	scripts/setup.sh
