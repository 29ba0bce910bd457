#!/usr/bin/env bash
# Run by the Dockerfile's data stage: prepares the data sets into COURSE_DATA with the kit's own
# org.dlcourse.setup.Prepare (Fashion-MNIST from Debian's dataset-fashion-mnist package, CIFAR-10 from its
# authors, checked against its published checksum).
# CIFAR=download (default): CIFAR-10 is required; the build fails, naming the build argument, if the
#   download fails. CIFAR=skip: CIFAR-10 is left out (the notebooks fall back to a stand-in).
# Usage: CIFAR=download|skip COURSE_DATA=DIR prepare-data.sh COURSE_SUPPORT_JAR
set -euo pipefail
jar="$1"
: "${COURSE_DATA:?COURSE_DATA must name the data folder}"
export COURSE_DATA
case "${CIFAR:-download}" in
  download) flag=--require-cifar ;;
  skip) flag=--skip-cifar ;;
  *) echo "prepare-data: CIFAR=${CIFAR} is not a choice: use --build-arg CIFAR=download or CIFAR=skip." >&2; exit 2 ;;
esac
if ! java -Dai.djl.offline=true -cp "$jar" org.dlcourse.setup.Prepare "$flag"; then
  if [[ "$flag" == --require-cifar ]]; then
    cat >&2 <<'TXT'

*** The data sets could not be prepared (see the lines above). ***
If CIFAR-10 could not be downloaded (no internet access to www.cs.toronto.edu during the build),
build without it:   docker build --build-arg CIFAR=skip ...
(the CIFAR notebooks then run on a stand-in made of Fashion-MNIST images, and say so).
TXT
  fi
  exit 1
fi
# Readable by any user the container runs as.
chmod -R a+rX "$COURSE_DATA"
