package vn.kiosk06.server;

public final class ServerMain {
    public static void main(String[] args) { }
}
