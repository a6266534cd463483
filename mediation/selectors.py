"""mediation: selectors."""
