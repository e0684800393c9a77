-- The request kinds of RFC 7120's early allocations, as dev.portreg.request.RequestKind lists them.
ALTER TABLE port_request DROP CONSTRAINT port_request_kind_check;
ALTER TABLE port_request ADD CONSTRAINT port_request_kind_check
  CHECK (kind IN ('new-assignment', 'add-transport', 'modify', 'de-assign', 'revoke',
                  'early-allocation', 'early-renewal', 'make-permanent'));
