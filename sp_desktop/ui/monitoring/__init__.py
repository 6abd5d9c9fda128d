"""ASN staff monitoring: the staff list, dashboard, targets and evaluation."""
