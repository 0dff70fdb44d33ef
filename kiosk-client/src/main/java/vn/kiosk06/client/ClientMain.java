package vn.kiosk06.client;

public final class ClientMain {
    public static void main(String[] args) { }
}
