"""Moving records between offices: signed bundles and the CouchDB-compatible hub."""
