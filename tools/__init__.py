"""Tooling outside the apps: demo data, benchmarks, the load test, the cluster smoke test
and the scanner wrapper."""
