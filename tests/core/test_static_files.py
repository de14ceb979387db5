def test_vendored_assets_are_served_without_a_build_step(client, db):
    for path in [
        "/static/vendor/htmx/htmx.min.js",
        "/static/vendor/pico/pico.min.css",
        "/static/css/app.css",
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert b"".join(response.streaming_content)
