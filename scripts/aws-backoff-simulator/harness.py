"""Runs the AWS article's backoff simulator on chosen inputs and prints JSON.

backoff_simulator.py next to this file is src/backoff_simulator.py of
https://github.com/aws-samples/aws-arch-backoff-simulator at commit
66cb169277051eea207dbef8c7f71767fe6af144, unmodified (Apache-2.0, see
LICENSE). It is Python 2 and ends by calling run(), which writes CSV files
for 10…190 clients × 100 runs. This harness runs the same model under
Python 3 without that call (xrange = range) and lets us choose the client
counts and the number of runs:

    python3 harness.py RUNS SEED CLIENTS[,CLIENTS…] [STRATEGY,…]

It prints, per "clients/Strategy" (the simulator's own names: Exponential,
Decorr, EqualJitter, FullJitter, None), the mean writes per run (its
"calls"), the mean completion time per run (its "time", ms) and their
standard errors, plus the CPU seconds the simulations took.
"""
import json
import os
import random
import statistics
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "backoff_simulator.py")) as f:
    source = f.read()
model = {"xrange": range, "__name__": "backoff_simulator"}
exec(compile(source[: source.rindex("run()")], "backoff_simulator.py", "exec"), model)


class Discard:
    def write(self, text):
        pass


def main(argv):
    runs, seed = int(argv[1]), int(argv[2])
    clients_list = [int(c) for c in argv[3].split(",")]
    wanted = argv[4].split(",") if len(argv) > 4 else None
    random.seed(seed)
    results = {}
    started = time.process_time()
    for clients in clients_list:
        for cls, name in model["backoff_types"]:
            if wanted and name not in wanted:
                continue
            stats = model["Stats"]()
            writes, times = [], []
            for _ in range(runs):
                before = stats.calls
                queue, stats = model["setup_sim"](clients, cls, Discard(), stats)
                times.append(model["run_sim"](queue))
                writes.append(stats.calls - before)
            se = lambda xs: statistics.stdev(xs) / len(xs) ** 0.5 if len(xs) > 1 else 0.0
            results["%d/%s" % (clients, name)] = {
                "writes": statistics.fmean(writes),
                "completionMs": statistics.fmean(times),
                "writesSe": se(writes),
                "completionMsSe": se(times),
                "runs": runs,
            }
    print(json.dumps({"cpuSeconds": time.process_time() - started, "results": results}, indent=1))


main(sys.argv)
