package org.orchestration.app.instance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.orchestration.core.concurrent.DaemonThreads;
import org.orchestration.core.errors.StartupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One engine per data folder. The first launch holds an OS file lock on {@code engine.lock} and
 * listens on a loopback port (written to {@code engine.port}); a later launch finds the lock
 * taken, asks the first one over that port to bring its window forward, and stops with
 * {@link StartupException#ALREADY_RUNNING}. The lock dies with the process, so a crash never
 * leaves a stale lock behind; the port file is only a hint and is checked by connecting.
 */
public final class InstanceLock implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InstanceLock.class);
    static final String LOCK_FILE = "engine.lock";
    static final String PORT_FILE = "engine.port";
    static final String ACTIVATE = "ACTIVATE";
    /** The listener thread's name; tests look for it to prove it has ended. */
    public static final String THREAD_NAME = "oe-instance-listener";

    private final Path dataDir;
    private final FileChannel channel;
    private final FileLock lock;
    private final ServerSocket server;
    private final Thread listener;
    private volatile boolean closed;

    private InstanceLock(Path dataDir, FileChannel channel, FileLock lock, ServerSocket server, Runnable onActivate) {
        this.dataDir = dataDir;
        this.channel = channel;
        this.lock = lock;
        this.server = server;
        this.listener = DaemonThreads.create(() -> listen(onActivate), THREAD_NAME);
        this.listener.start();
    }

    /**
     * Takes the data folder for this process.
     *
     * @param onActivate run (on the listener thread) when a second launch asks for the window
     * @throws StartupException {@link StartupException#ALREADY_RUNNING} when another engine holds
     *                          the folder (after asking it to come forward);
     *                          {@link StartupException#DATA_DIR} when the lock cannot be created
     */
    public static InstanceLock acquire(Path dataDir, Runnable onActivate) {
        Path lockFile = dataDir.resolve(LOCK_FILE);
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StartupException(StartupException.DATA_DIR, "The lock file " + lockFile + " cannot be created: " + e.getMessage());
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // this very JVM already holds it (tests; a second Launcher.run in-process)
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StartupException(StartupException.DATA_DIR, "The lock file " + lockFile + " cannot be locked: " + e.getMessage());
        }
        if (lock == null) {
            closeQuietly(channel);
            boolean asked = askRunningInstanceToActivate(dataDir);
            log.info("Another engine holds {} (asked it to come forward: {})", dataDir, asked);
            throw new StartupException(StartupException.ALREADY_RUNNING, "The engine is already running for " + dataDir);
        }
        ServerSocket server = null;
        try {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
            Files.writeString(dataDir.resolve(PORT_FILE), Integer.toString(server.getLocalPort()), StandardCharsets.US_ASCII);
            return new InstanceLock(dataDir, channel, lock, server, onActivate);
        } catch (IOException | RuntimeException e) {
            closeQuietly(server);
            releaseQuietly(lock);
            closeQuietly(channel);
            throw new StartupException(StartupException.DATA_DIR, "The single-instance port for " + dataDir + " cannot be opened: " + e.getMessage());
        }
    }

    /** The loopback port a second launch talks to. */
    public int port() {
        return server.getLocalPort();
    }

    public boolean isClosed() {
        return closed;
    }

    private void listen(Runnable onActivate) {
        while (!closed) {
            try (Socket client = server.accept()) {
                client.setSoTimeout(2000);
                String line = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                if (ACTIVATE.equals(line)) {
                    OutputStream out = client.getOutputStream();
                    out.write("OK\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    try {
                        onActivate.run();
                    } catch (RuntimeException e) {
                        log.warn("Bringing the window forward failed: {}", e.toString());
                    }
                }
            } catch (SocketException e) {
                if (!closed) {
                    log.warn("Single-instance listener stopped: {}", e.getMessage());
                }
                return;
            } catch (IOException e) {
                log.debug("Ignored a bad single-instance request: {}", e.getMessage());
            }
        }
    }

    /** True when an engine answered on the port named in the data folder. */
    static boolean askRunningInstanceToActivate(Path dataDir) {
        try {
            int port = Integer.parseInt(Files.readString(dataDir.resolve(PORT_FILE), StandardCharsets.US_ASCII).trim());
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                socket.setSoTimeout(2000);
                socket.getOutputStream().write((ACTIVATE + "\n").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                String reply = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                return "OK".equals(reply);
            }
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    /** Stops listening, waits for the listener to end, deletes the port file and releases the lock. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(server);
        try {
            listener.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(dataDir.resolve(PORT_FILE));
        } catch (IOException e) {
            log.debug("Could not delete the port file: {}", e.getMessage());
        }
        releaseQuietly(lock);
        closeQuietly(channel);
    }

    private static void releaseQuietly(FileLock lock) {
        try {
            if (lock != null) {
                lock.release();
            }
        } catch (IOException e) {
            log.debug("Releasing the lock failed: {}", e.getMessage());
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (Exception e) {
            log.debug("Close failed: {}", e.getMessage());
        }
    }
}
