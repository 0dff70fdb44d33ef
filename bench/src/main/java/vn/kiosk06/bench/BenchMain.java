package vn.kiosk06.bench;

public final class BenchMain {
    public static void main(String[] args) { }
}
