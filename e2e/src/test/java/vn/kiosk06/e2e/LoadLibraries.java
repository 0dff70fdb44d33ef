package vn.kiosk06.e2e;

/**
 * A main for a child JVM: {@code System.load}s each native library named on the command line, in order, and prints
 * "loaded FILE" for each; an UnsatisfiedLinkError ends it with a stack trace and exit code 1. Used to prove the client
 * jar's natives link on another CPU's userspace (see {@link Arm64SmokeTest}).
 */
final class LoadLibraries {
    private LoadLibraries() {
    }

    public static void main(String[] files) {
        for (String file : files) {
            System.load(file);
            System.out.println("loaded " + file);
        }
    }
}
