-- The accession's evidence (the head's CMS signature and certificate) names the head: the certificate carries the
-- RNOKPP (TINUA-…) and the full name. Both are kept only encrypted from now on (AES-256-GCM, bound to the partner and
-- the offer version, like the passport); no clear column remains. The gateway cannot encrypt in SQL, so acceptances
-- recorded in clear are removed: those partners sign the offer again (the cabinet asks them) and the new signature
-- is stored encrypted.
DELETE FROM offer_acceptance;
ALTER TABLE offer_acceptance DROP COLUMN signature, DROP COLUMN signer_certificate;
ALTER TABLE offer_acceptance ADD COLUMN signature_encrypted bytea NOT NULL,
                             ADD COLUMN signer_certificate_encrypted bytea NOT NULL;
