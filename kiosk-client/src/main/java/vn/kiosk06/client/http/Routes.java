package vn.kiosk06.client.http;

/** A group of the local API's endpoints (a controller): adds its handlers to the router once, at start. */
public interface Routes {

    void register(Router router);
}
