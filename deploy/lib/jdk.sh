# Sourced by ./mvnw and the deploy scripts: picks a JDK >= 21 so that nobody has to export anything.
# JAVA_HOME wins when it qualifies; otherwise the newest JDK under /usr/lib/jvm.

qq_java_major() { # prints the feature version of the java at $1/bin/java, or nothing
  [ -x "$1/bin/java" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

qq_find_jdk() {
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ]; then
    major=$(qq_java_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ -x "$JAVA_HOME/bin/javac" ]; then
      echo "$JAVA_HOME"; return 0
    fi
  fi
  for candidate in /usr/lib/jvm/*; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(qq_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best=$candidate; best_major=$major
    fi
  done
  if [ -z "$best" ]; then
    echo "No JDK 21 or newer found (JAVA_HOME=${JAVA_HOME:-unset}, nothing suitable under /usr/lib/jvm)." >&2
    echo "Install one, for example: apt-get install -y openjdk-21-jdk-headless (or Temurin 21/25), then run again." >&2
    return 1
  fi
  echo "$best"
}
