/*
 * The two native methods of GraalVM's com.oracle.svm.hosted.ProgressReporterCHelper, which a GraalVM distribution
 * ships as lib/svm/builder/lib/libreporterchelper.so and Maven Central does not: the terminal's width (for the
 * builder's progress output) and the builder's peak resident set size (for its resource summary).
 * Compiled by `mvn verify -Pnative-check` (it.NativeImageCheck).
 */
#include <jni.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <unistd.h>

JNIEXPORT jint JNICALL
Java_com_oracle_svm_hosted_ProgressReporterCHelper_getTerminalWindowColumns0(JNIEnv *env, jclass type) {
    struct winsize size;
    /* 0 when not a terminal (a CI log): the builder then uses its default width. */
    return ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 ? size.ws_col : 0;
}

JNIEXPORT jlong JNICALL
Java_com_oracle_svm_hosted_ProgressReporterCHelper_getPeakRSS0(JNIEnv *env, jclass type) {
    struct rusage usage;
    /* Linux reports ru_maxrss in kilobytes; the builder wants bytes, or -1 when unknown. */
    return getrusage(RUSAGE_SELF, &usage) == 0 ? (jlong) usage.ru_maxrss * 1024 : -1;
}
