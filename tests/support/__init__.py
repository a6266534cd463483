"""What the tests and make bench share: races of real transactions on PostgreSQL (races.py) and the
outbox under load (outbox.py). bench/ imports from here; nothing here imports bench/ or the factories."""
