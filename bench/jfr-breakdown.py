#!/usr/bin/env python3
"""Where a JFR recording's CPU samples went, for the login benchmark.

    jfr print --events jdk.ExecutionSample --stack-depth 256 rec.jfr > samples.txt
    bench/jfr-breakdown.py samples.txt

Prints two tables: samples by what is running (the Argon2id hash when it is anywhere on the stack, so
"everything else" is what a login costs beyond the hash; otherwise the package of the topmost frame
outside java.*, jdk.* and sun.*, because every request's stack holds Tomcat, the Spring Security
filter chain and Aikagi's session filter), and the hottest top frames outside the hash. Only Java threads are sampled: GC and JIT threads are not in these events
(see `jfr view gc` / `jfr summary`)."""
import collections
import re
import sys

CATEGORIES = [
    ("Argon2id password hash", ("org.bouncycastle.crypto.generators.Argon2",)),
    ("TOTP / backup-code HMAC", ("dev.aikagi.core.factor.totp", "dev.aikagi.core.factor.backup", "dev.aikagi.core.crypto")),
    ("Thymeleaf page rendering", ("org.thymeleaf", "org.attoparser")),
    ("database: H2", ("org.h2.",)),
    ("database: PostgreSQL driver", ("org.postgresql.",)),
    ("database: Hikari / Spring JDBC", ("com.zaxxer.hikari", "org.springframework.jdbc")),
    ("Spring Security filters", ("org.springframework.security",)),
    ("Aikagi code (core/jdbc/server)", ("dev.aikagi.",)),
    ("Micrometer observations", ("io.micrometer.",)),
    ("Spring Expression Language", ("org.springframework.expression",)),
    ("logging", ("ch.qos.logback", "org.slf4j")),
    ("Spring MVC", ("org.springframework.web", "org.springframework.http")),
    ("Tomcat / HTTP", ("org.apache.tomcat", "org.apache.catalina", "org.apache.coyote")),
    ("JDK crypto (SecureRandom, AES, HMAC)", ("sun.security", "com.sun.crypto", "javax.crypto", "java.security")),
]

text = open(sys.argv[1]).read()
events = text.split("jdk.ExecutionSample {")[1:]
by_category = collections.Counter()
top_frames = collections.Counter()
frame_re = re.compile(r"^\s+([\w$.<>/]+)\(", re.M)
for e in events:
    frames = frame_re.findall(e.split("stackTrace = [", 1)[-1])
    if not frames:
        continue
    owner = next((f for f in frames if not f.startswith(("java.", "jdk.", "sun."))), "")
    category = "JDK only (virtual-thread scheduling, collections, ...)" if not owner else "other: " + ".".join(owner.split(".")[:3])
    if any(CATEGORIES[0][1][0] in f for f in frames):
        category = CATEGORIES[0][0]
    else:
        for name, prefixes in CATEGORIES[1:]:
            if owner.startswith(prefixes):
                category = name
                break
    by_category[category] += 1
    if category != CATEGORIES[0][0]:
        top_frames[frames[0]] += 1

total = sum(by_category.values())
print("%d samples\n" % total)
print("| what the stack is doing | samples | share |")
print("|---|---|---|")
for name, n in by_category.most_common():
    print("| %s | %d | %.1f %% |" % (name, n, 100.0 * n / total))
rest = total - by_category[CATEGORIES[0][0]]
print("\nHottest top frames outside the Argon2id hash (%d samples)\n" % rest)
print("| top frame | samples | share of all |")
print("|---|---|---|")
for frame, n in top_frames.most_common(20):
    print("| `%s` | %d | %.1f %% |" % (frame, n, 100.0 * n / total))
