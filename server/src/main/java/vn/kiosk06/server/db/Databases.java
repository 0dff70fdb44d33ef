package vn.kiosk06.server.db;

import java.nio.file.Path;

/** Opens the database a server (or an admin tool beside it) is configured with. */
public final class Databases {

    private Databases() {
    }

    /**
     * PostgreSQL when {@code db} names one ({@code postgresql://user:pass@host:port/db} or a {@code jdbc:postgresql:}
     * URL), else the SQLite file in {@code dataDir}. A {@code db} of another kind is refused, its password hidden.
     */
    public static Database open(String db, Path dataDir) {
        if (db == null || db.isBlank()) {
            return SqliteDatabase.open(dataDir);
        }
        if (!PostgresUrl.isPostgres(db)) {
            throw new IllegalArgumentException("kiosk06.server.db must be postgresql://user:pass@host:port/db or a "
                    + "jdbc:postgresql: URL (unset for the embedded SQLite store), was '"
                    + db.replaceAll("://([^:/@]*):[^@]*@", "://$1:…@") + "'");
        }
        return PostgresDatabase.open(db);
    }
}
