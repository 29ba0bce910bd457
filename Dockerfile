# The course kit as one image: JupyterLab, the Java kernel (JJava) with the course's support library,
# both engines' native libraries, the notebooks (students' versions by default) and the prepared data
# sets. Runs offline.
#
#   docker build -t dl-course .                          # CPU image (the default target; Binder builds this)
#   docker build --target cuda -t dl-course:cuda .       # NVIDIA GPUs: PyTorch engine with CUDA 12
#   docker build --build-arg CIFAR=skip -t dl-course .   # where CIFAR-10 cannot be downloaded
#   docker build --build-arg COURSE_EDITION=solution -t dl-course:solution .   # solutions, not exercises
#   docker run --rm -p 8888:8888 dl-course               # then open the URL with the token it prints
#
# docs/docker.md says more (GPU, Binder, the tests); docs/jupyterhub.md is the path for a whole class.
# Only classic Dockerfile syntax (no BuildKit-only features): repo2docker (Binder) and buildah build it too.

# A public base, pinned by tag and digest (docker.io/library/debian, bookworm-slim, 2025-02-04).
# The tests build on a local copy: --build-arg BASE_IMAGE=localhost/debian:bookworm.
ARG BASE_IMAGE=debian:bookworm-slim@sha256:40b107342c492725bc7aacbe93a49945445191ae364184a6d24fedb28172f6f7

# --- jdk: Java 17 and fonts, shared by the build stages and the image ----------------------------
FROM ${BASE_IMAGE} AS jdk
ENV DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 LC_ALL=C.UTF-8
# The full JDK, not a JRE: the kernel is JShell (module jdk.jshell). fontconfig and DejaVu fonts let
# the headless JVM draw the charts' text.
# The JDK's jmods (75 MB) only serve jlink: removed.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates ca-certificates-java \
      openjdk-17-jdk-headless fontconfig fonts-dejavu-core \
 && rm -rf /usr/lib/jvm/java-17-openjdk-*/jmods \
 && apt-get clean && rm -rf /var/lib/apt/lists/*

# --- build: the support library's shaded jar (Maven) ---------------------------------------------
FROM jdk AS build
RUN apt-get update && apt-get install -y --no-install-recommends maven && apt-get clean && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Dependencies first, from the poms alone: this layer survives changes to the library's code.
COPY pom.xml ./
COPY support-lib/pom.xml support-lib/
RUN mvn -B -q dependency:go-offline -DexcludeReactor=true \
 && mvn -B -q -f support-lib/pom.xml dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/deps
# The native libraries depend on the poms only. Setup.java alone, compiled against the
# dependencies, extracts them: a change to the rest of the library does not redo this layer.
COPY support-lib/src/main/java/org/dlcourse/setup/Setup.java /setup/org/dlcourse/setup/
RUN javac -d /setup -cp '/deps/*' /setup/org/dlcourse/setup/Setup.java \
 && DJL_CACHE_DIR=/djl-cache java -Dai.djl.offline=true -cp '/setup:/deps/*' org.dlcourse.setup.Setup \
 && chmod -R g+rwX /djl-cache
COPY support-lib/src support-lib/src
RUN mvn -B -q -DskipTests package && cp support-lib/target/course-support.jar /course-support.jar
# The kit's Java libraries as a Maven repository, so that %maven in a cell resolves them offline
# (docs/adding-libraries.md): what this build resolved, without the engines' native jars (inside the kit's
# jar already, hundreds of MB). Group-writable: %maven may add what the student asks for there.
RUN cp -R /root/.m2/repository /maven \
 && rm -rf /maven/ai/djl/mxnet/mxnet-native-* /maven/ai/djl/pytorch/pytorch-native-* /maven/ai/djl/pytorch/pytorch-jni \
 && chmod -R g+rwX /maven

# --- data: Fashion-MNIST from Debian's package, CIFAR-10 from its authors --------------------------
FROM jdk AS data
RUN apt-get update && apt-get install -y --no-install-recommends dataset-fashion-mnist wfrench \
 && apt-get clean && rm -rf /var/lib/apt/lists/*
# CIFAR=download (default) downloads CIFAR-10 (170 MB) and checks its MD5; the build fails if it
# cannot. CIFAR=skip leaves it out (the notebooks then use Fashion-MNIST's CIFAR-shaped stand-in).
ARG CIFAR=download
COPY datasets/ /data/
COPY --from=build /course-support.jar /tmp/course-support.jar
COPY environment/docker/prepare-data.sh /tmp/prepare-data.sh
RUN CIFAR="${CIFAR}" COURSE_DATA=/data bash /tmp/prepare-data.sh /tmp/course-support.jar

# --- lab: everything a student needs; the cpu and cuda images below add their own settings ------
FROM jdk AS lab
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-venv tini \
 && apt-get clean && rm -rf /var/lib/apt/lists/*

# Binder passes NB_USER and NB_UID; docker-stacks and JupyterHub expect jovyan, UID 1000, group users (100).
ARG NB_USER=jovyan
ARG NB_UID=1000
# The profile notebooks run in: empty means full (the course run), except on Binder, where kernel.sh picks
# fast. A school's JupyterHub with 1 CPU per student: --build-arg COURSE_PROFILE=fast, or set it per pod.
ARG COURSE_PROFILE=
# SHELL: JupyterLab's terminal opens it (docker-stacks sets bash too; without it the terminal is sh).
ENV NB_USER=${NB_USER} NB_UID=${NB_UID} USER=${NB_USER} HOME=/home/${NB_USER} SHELL=/bin/bash \
    COURSE_HOME=/opt/dl-course
ENV COURSE_SUPPORT_JAR=${COURSE_HOME}/lib/course-support.jar \
    COURSE_DATA=${COURSE_HOME}/datasets \
    DJL_CACHE_DIR=${COURSE_HOME}/djl-cache \
    DJL_OFFLINE=true \
    DJL_DEFAULT_ENGINE=MXNet \
    COURSE_DEVICE=auto \
    COURSE_PROFILE=${COURSE_PROFILE} \
    PATH=${COURSE_HOME}/venv/bin:${PATH}
RUN useradd --create-home --uid "${NB_UID}" --gid 100 --shell /bin/bash "${NB_USER}"

# Python side, pinned: the kit's own requirements and constraints, plus what Binder and JupyterHub
# start (jupyter-notebook, jupyterhub-singleuser, environment/docker/requirements-image.txt), all
# pinned in environment/constraints.txt. Then the kernelspec,
# system-wide in the venv's share/jupyter, as ./course writes it: kernel.sh and JJava's jar (JJava's
# own "java" kernel, without the course library, is removed so that nobody picks it by mistake).
COPY environment/requirements.txt environment/constraints.txt environment/docker/requirements-image.txt /tmp/pip/
RUN export HOME=/root && cd /tmp/pip \
 && python3 -m venv "${COURSE_HOME}/venv" \
 && pip install --no-cache-dir --disable-pip-version-check -c constraints.txt pip \
 && pip install --no-cache-dir --disable-pip-version-check \
      -r requirements.txt -r requirements-image.txt -c constraints.txt \
 && cd / && rm -rf /tmp/pip \
 && kernels="${COURSE_HOME}/venv/share/jupyter/kernels" && mkdir -p "$kernels/dl-course" \
 && cp "$kernels/java/jjava.jar" "$kernels/dl-course/jjava.jar" \
 && printf '%s\n' '{' \
      "  \"argv\": [\"bash\", \"${COURSE_HOME}/environment/kernel.sh\", \"{resource_dir}\", \"{connection_file}\"]," \
      '  "display_name": "Java · DL course",' '  "language": "java",' '  "interrupt_mode": "message",' \
      '  "env": {},' '  "metadata": {"debugger": false}' '}' > "$kernels/dl-course/kernel.json" \
 && jupyter kernelspec remove -y java >/dev/null \
 && jupyter kernelspec list

# The engines' native libraries, extracted at build time, owned by the user: DJL never downloads.
COPY --from=build --chown=${NB_UID}:100 /djl-cache ${COURSE_HOME}/djl-cache
COPY --from=data /data ${COURSE_HOME}/datasets
COPY environment/ ${COURSE_HOME}/environment/
# course-fresh NOTEBOOK in JupyterLab's terminal: a fresh copy of a notebook, the student's kept aside.
# The server imports the image's kernel manager (environment/docker/memory_budget.py) from there too.
RUN ln -s ${COURSE_HOME}/environment/docker/course-fresh /usr/local/bin/course-fresh \
 && echo "${COURSE_HOME}/environment/docker" \
      > "$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/dl-course-server.pth"
COPY --from=build /course-support.jar ${COURSE_HOME}/lib/course-support.jar
# ~/.m2/repository, where JJava's %maven looks first, is the image's repository (the entrypoint links it
# again in a home a JupyterHub volume replaced).
COPY --from=build --chown=${NB_UID}:100 /maven ${COURSE_HOME}/maven
RUN mkdir -p "${HOME}/.m2" && ln -s "${COURSE_HOME}/maven" "${HOME}/.m2/repository" \
 && chown -R -h "${NB_UID}:100" "${HOME}/.m2"
# The jar's Java sources, for students to read: ~/notebooks/library links here (the course stage below).
# Owned by root, so JupyterLab, running as the user, opens them read-only and refuses to save them.
COPY support-lib/src/main/java/ ${COURSE_HOME}/library/

# JupyterLab's settings for a classroom: no news or update checks (the image runs offline).
COPY environment/docker/overrides.json ${COURSE_HOME}/venv/share/jupyter/lab/settings/overrides.json
# JupyterLab opens on the French edition (notebooks/en is one folder away), and a kernel idle for 20
# minutes is shut down, even with its notebook open (docs/docker.md): each holds a few hundred MB idle,
# about 1 GB after notebook 04, and Binder's limit is 2 GB for all of them. Before a kernel starts, the
# least recently used idle ones are shut down until one more notebook fits the memory limit
# (memory_budget.py). A plain config file: the server reads jupyter_server_config.d/ only for which
# extensions to load, not for settings like these.
COPY environment/docker/jupyter_server_config.json ${COURSE_HOME}/venv/etc/jupyter/jupyter_server_config.json

USER ${NB_UID}
WORKDIR ${HOME}
EXPOSE 8888
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["python3", "/opt/dl-course/environment/docker/healthcheck.py"]
ENTRYPOINT ["tini", "-g", "--", "bash", "/opt/dl-course/environment/docker/entrypoint.sh"]
# Token authentication stays on: JupyterLab prints the URL with its token (or set JUPYTER_TOKEN).
CMD ["jupyter", "lab", "--ip=0.0.0.0", "--port=8888", "--no-browser"]

# --- edition: the notebooks students get, or the solutions -----------------------------------------
# Both languages, notebooks/fr and notebooks/en, written from the one source per notebook (source/) by
# environment/editions.py. COURSE_EDITION=student (default; Binder too): every exercise's solution
# replaced by a stub that throws a TODO, generated by environment/student.py (docs/student-versions.md).
# The solutions are not in the image. COURSE_EDITION=solution: the solutions, for instructors.
FROM lab AS edition
ARG COURSE_EDITION=student
COPY source/ /tmp/source/
RUN python3 "${COURSE_HOME}/environment/editions.py" /tmp/source/[0-9]*.ipynb --out /tmp/solutions >/dev/null \
 && rm /tmp/solutions/.editions.json \
 && case "${COURSE_EDITION}" in \
      student)  python3 "${COURSE_HOME}/environment/student.py" /tmp/solutions/fr/[0-9]*.ipynb \
                  /tmp/solutions/en/[0-9]*.ipynb --out /tmp/edition \
                && rm /tmp/edition/fr/.generated.json /tmp/edition/en/.generated.json ;; \
      solution) cp -R /tmp/solutions /tmp/edition ;; \
      *) echo "COURSE_EDITION must be student or solution, not '${COURSE_EDITION}'" >&2; exit 1 ;; \
    esac

# --- course: the lab with its notebooks --------------------------------------------------------------
# A pristine copy, and the student's own in the home folder. The entrypoint copies the pristine one
# into an empty home (a JupyterHub volume mounted over it).
FROM lab AS course
ARG COURSE_EDITION=student
ENV COURSE_EDITION=${COURSE_EDITION}
LABEL org.dlcourse.edition=${COURSE_EDITION}
COPY --from=edition /tmp/edition/ ${COURSE_HOME}/notebooks/
COPY --from=edition --chown=${NB_UID}:100 /tmp/edition/ ${HOME}/notebooks/
# library/ beside the notebooks: a link to the library's sources (JupyterLab follows links that leave its
# root). Absolute, so the entrypoint's copy into a JupyterHub volume still points at this image's sources.
# Students keep nbgrader's Validate button and assignment list; the instructor's tools (formgrader,
# Create Assignment, course list) are switched off and locked in the student edition.
# The home is the group's (users, 100), as in docker-stacks: a platform running the image under another UID
# in group 100 (OpenShift, some JupyterHubs) can still save notebooks and write Jupyter's runtime files.
USER root
RUN ln -s "${COURSE_HOME}/library" "${COURSE_HOME}/notebooks/library" \
 && ln -s "${COURSE_HOME}/library" "${HOME}/notebooks/library" && chown -h "${NB_UID}:100" "${HOME}/notebooks/library" \
 && chgrp -R 100 "${HOME}" && chmod -R g+rwX "${HOME}" && find "${HOME}" -type d -exec chmod g+s {} + \
 && if [ "${COURSE_EDITION}" = student ]; then \
      export HOME=/root && set -- @jupyter/nbgrader:formgrader @jupyter/nbgrader:create-assignment @jupyter/nbgrader:course-list \
      && jupyter labextension disable --level=sys_prefix "$@" >/dev/null \
      && jupyter labextension lock --level=sys_prefix "$@" >/dev/null; \
    fi
USER ${NB_UID}

# --- cuda: NVIDIA GPUs through the PyTorch engine -------------------------------------------------
# DJL's PyTorch 2.7.1 has no CUDA native jar on Maven Central; PyPI's torch 2.7.1 wheel carries the
# same libtorch built for CUDA 12 with its CUDA libraries (nvidia-* wheels), and DJL's JNI for
# cu128 is in pytorch-jni. The host needs an NVIDIA driver for CUDA 12.6+ (560 or newer) and the
# NVIDIA Container Toolkit (docker run --gpus all). COURSE_DEVICE=gpu: no silent CPU fallback.
FROM course AS cuda
ARG TORCH_VERSION=2.7.1
# Empty: PyPI's torch (CUDA 12.6: GPUs up to Hopper). Blackwell GPUs (RTX 50xx, B200) need PyTorch's
# CUDA 12.8 build: --build-arg TORCH_INDEX_URL=https://download.pytorch.org/whl/cu128
ARG TORCH_INDEX_URL=
USER root
# DJL loads every library of PYTORCH_LIBRARY_PATH at start. It gets a folder of links to torch/lib
# without libcaffe2_nvrtc.so, which links the driver (libcuda.so.1, present only on a GPU host) and
# which libtorch opens itself when it needs it, and without libtorch_python.so (Python's binding).
# So the engine loads on any host, and on one without a GPU COURSE_DEVICE=gpu says so loudly.
# Triton (torch.compile's compiler, 0.5 GB) serves Python only: removed.
RUN export HOME=/root && pip install --no-cache-dir --disable-pip-version-check \
      ${TORCH_INDEX_URL:+--index-url "$TORCH_INDEX_URL"} "torch==${TORCH_VERSION}" \
      -c "${COURSE_HOME}/environment/constraints.txt" \
 && pip uninstall -y -q triton \
 && lib="$(python3 -c 'import site; print(site.getsitepackages()[0])')/torch/lib" \
 && mkdir "${COURSE_HOME}/libtorch-cuda" \
 && for f in "$lib"/*; do \
      case "${f##*/}" in libcaffe2_nvrtc.so|libtorch_python.so) ;; *) ln -s "$f" "${COURSE_HOME}/libtorch-cuda/" ;; esac; \
    done \
 && test -e "${COURSE_HOME}/libtorch-cuda/libtorch_cuda.so"
USER ${NB_UID}
ENV DJL_DEFAULT_ENGINE=PyTorch \
    COURSE_DEVICE=gpu \
    PYTORCH_LIBRARY_PATH=${COURSE_HOME}/libtorch-cuda \
    PYTORCH_VERSION=${TORCH_VERSION} \
    PYTORCH_FLAVOR=cu128 \
    NVIDIA_VISIBLE_DEVICES=all \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility
# Loads libtorch with its CUDA libraries now (no GPU needed to load them), so a broken set fails the
# build, not a student's first cell; DJL's JNI for cu128 lands in the cache.
RUN java -Dai.djl.offline=true -cp "${COURSE_SUPPORT_JAR}" org.dlcourse.setup.Setup PyTorch

# --- cpu: the default image (last stage: what `docker build .` and Binder build) -------------------
FROM course AS cpu
