-- wrk script: POST /api/v1/app/qr/resolve with one citizen's app token and one QR URL (cache hits).
-- The token and the scanned URL come from the environment (set by bench-resolve.sh from the seed-load feeders).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("QRSHARE_TOKEN")
wrk.body = '{"qr":"' .. os.getenv("QRSHARE_QR") .. '"}'
