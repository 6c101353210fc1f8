package io.omnihub.sandbox.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.filesystem.nativefs.NativeFileSystemFactory;
import org.apache.ftpserver.ftplet.Authority;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.ConcurrentLoginPermission;
import org.apache.ftpserver.usermanager.impl.WritePermission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Apache MINA FTP server over a local directory: where stores drop their POS files in local
 * runs and tests. One user, home at the root, allowed to write.
 */
public final class EmbeddedFtpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedFtpServer.class);

    private final FtpServer server;
    private final int port;
    private final Path root;

    private EmbeddedFtpServer(FtpServer server, int port, Path root) {
        this.server = server;
        this.port = port;
        this.root = root;
    }

    public static EmbeddedFtpServer start(Path root, int port, String user, String password) {
        int p = FreePorts.resolve(port);
        try {
            Files.createDirectories(root);
            FtpServerFactory factory = new FtpServerFactory();
            ListenerFactory listener = new ListenerFactory();
            listener.setPort(p);
            listener.setServerAddress("127.0.0.1");
            factory.addListener("default", listener.createListener());

            BaseUser account = new BaseUser();
            account.setName(user);
            account.setPassword(password);
            account.setHomeDirectory(root.toAbsolutePath().toString());
            account.setAuthorities(List.<Authority>of(new WritePermission(), new ConcurrentLoginPermission(0, 0)));
            var users = new PropertiesUserManagerFactory().createUserManager();
            users.save(account);
            factory.setUserManager(users);

            NativeFileSystemFactory fs = new NativeFileSystemFactory();
            fs.setCreateHome(true);
            factory.setFileSystem(fs);

            FtpServer server = factory.createServer();
            server.start();
            log.info("Embedded FTP on 127.0.0.1:{} serving {}", p, root);
            return new EmbeddedFtpServer(server, p, root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FtpException e) {
            throw new IllegalStateException("cannot start embedded FTP server on port " + p, e);
        }
    }

    public int port() {
        return port;
    }

    public Path root() {
        return root;
    }

    @Override
    public void close() {
        server.stop();
    }
}
