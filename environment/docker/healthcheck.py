"""The image's HEALTHCHECK: healthy when the Jupyter server answers on its API.

GET /api needs no token (it only returns the server's version), so token authentication stays on.
The port is JUPYTER_PORT (default 8888); under JupyterHub the URL prefix is JUPYTERHUB_SERVICE_PREFIX.
"""
import os
import sys
import urllib.request

port = os.environ.get("JUPYTER_PORT", "8888")
prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/")
url = f"http://127.0.0.1:{port}{prefix.rstrip('/')}/api"
try:
    with urllib.request.urlopen(url, timeout=8) as response:
        sys.exit(0 if response.status == 200 else 1)
except Exception as e:  # noqa: BLE001 - any failure means unhealthy
    print(f"unhealthy: {url}: {e}", file=sys.stderr)
    sys.exit(1)
