"""Per-site workers: a fleet scan queues one job per inventory system on its site's queue
(Celery, Redis broker); a worker at the site scans what its --allow list permits and records
the result in the shared store, once per (fleet scan, system) however often a job runs."""
