"""`make loadtest`: two app servers, two task workers, PostgreSQL and Redis on this machine, under
load from locust; see loadtest/README.md."""
