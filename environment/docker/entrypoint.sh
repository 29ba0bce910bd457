#!/usr/bin/env bash
# The image's entrypoint (under tini): puts the course notebooks in the home folder, then runs the
# command (JupyterLab by default; Binder and JupyterHub pass their own).
# A JupyterHub volume mounted over /home/jovyan hides the notebooks baked into the image: the
# notebooks missing from $HOME/notebooks are copied there from the image's pristine copy. A student's
# own edits are never overwritten; a notebook added to a newer image appears at the next start.
set -euo pipefail
src="${COURSE_HOME:-/opt/dl-course}/notebooks"
dst="${HOME:-/home/jovyan}/notebooks"
if [[ -d "$src" ]] && mkdir -p "$dst" 2>/dev/null && [[ -w "$dst" ]]; then
  cp -R -n "$src/." "$dst/" 2>/dev/null || echo "entrypoint: could not copy every notebook into $dst" >&2
fi
# %maven resolves the kit's libraries offline from the image's repository (docs/adding-libraries.md).
m2="${HOME:-/home/jovyan}/.m2"
if [[ -d "${COURSE_HOME:-/opt/dl-course}/maven" && ! -e "$m2/repository" ]] && mkdir -p "$m2" 2>/dev/null; then
  ln -s "${COURSE_HOME:-/opt/dl-course}/maven" "$m2/repository" 2>/dev/null || true
fi
if [[ $# -eq 0 ]]; then
  set -- jupyter lab --ip=0.0.0.0 --port=8888 --no-browser
fi
exec "$@"
