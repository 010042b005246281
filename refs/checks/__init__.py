"""What `refmerge check` finds in one bibliography: field rules and crossref order."""
