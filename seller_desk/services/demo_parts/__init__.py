"""One module per area filling the demo company (see seller_desk.services.demo)."""
