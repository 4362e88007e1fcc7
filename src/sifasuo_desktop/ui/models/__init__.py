"""Qt table models over lists of service data objects (each tested without a view)."""
