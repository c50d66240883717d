"""tcdesk: operations system for international technical cooperation against crime."""
