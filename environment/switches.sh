# The kit's four switches, checked the same way everywhere: case does not matter, and a value that is
# not one of the choices gets one sentence naming them. Sourced by ./course (which checks them before
# starting Jupyter) and by kernel.sh (which gives DJL the engine's exact spelling).
#   switches_check    prints the sentence for the first wrong switch and returns 1; nothing if all are fine
#   switches_export   exports each switch that is set in its canonical spelling (pytorch -> PyTorch)

# canonical NAME VALUE: the choice VALUE means, in its canonical spelling; empty if it is none.
switch_canonical() {
  local choices
  case "$1" in
    DJL_DEFAULT_ENGINE) choices="MXNet PyTorch" ;;
    COURSE_PROFILE) choices="full fast" ;;
    COURSE_DEVICE) choices="auto cpu gpu" ;;
    COURSE_LANG) choices="fr en" ;;
  esac
  for c in $choices; do
    [[ "${2,,}" == "${c,,}" ]] && { echo "$c"; return; }
  done
  return 0  # none: not a failure, so kernel.sh (set -e) lives on and the first cell explains the value
}

switch_choices() {
  case "$1" in
    DJL_DEFAULT_ENGINE) echo "MXNet (the default) or PyTorch" ;;
    COURSE_PROFILE) echo "full (the course run, the default) or fast (hosted sessions and tests)" ;;
    COURSE_DEVICE) echo "auto (the default: a GPU if there is one), cpu or gpu" ;;
    COURSE_LANG) echo "fr or en (unset: the edition's language, French in notebooks/fr)" ;;
  esac
}

switches_check() {
  local name value
  for name in DJL_DEFAULT_ENGINE COURSE_PROFILE COURSE_DEVICE COURSE_LANG; do
    value="${!name:-}"
    value="${value//[[:space:]]/}"
    [[ -z "$value" || -n "$(switch_canonical "$name" "$value")" ]] && continue
    echo "$name=${!name} is not a choice: set it to $(switch_choices "$name"), or unset it."
    return 1
  done
}

switches_export() {
  local name value canonical
  for name in DJL_DEFAULT_ENGINE COURSE_PROFILE COURSE_DEVICE COURSE_LANG; do
    value="${!name:-}"
    value="${value//[[:space:]]/}"
    [[ -n "$value" ]] || continue
    canonical="$(switch_canonical "$name" "$value")"
    [[ -n "$canonical" ]] && export "$name=$canonical"
  done
  return 0
}
