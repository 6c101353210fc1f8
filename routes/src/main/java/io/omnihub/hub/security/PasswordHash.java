package io.omnihub.hub.security;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Prints the bcrypt hash of a password for {@code hub.security.users.<name>.password-hash}:
 * {@code java -Dloader.main=io.omnihub.hub.security.PasswordHash -jar omnihub-exec.jar}. The
 * password is read from the terminal (not echoed) or from standard input, never from the command
 * line, where it would stay in the shell's history.
 */
public final class PasswordHash {

    private PasswordHash() {}

    public static void main(String[] args) throws IOException {
        Console console = System.console();
        String password;
        if (console != null) {
            char[] typed = console.readPassword("Password: ");
            password = typed == null ? null : new String(typed);
        } else {
            password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        if (password == null || password.isEmpty()) {
            System.err.println("No password given");
            System.exit(2);
        }
        System.out.println("{bcrypt}" + new BCryptPasswordEncoder(12).encode(password));
    }
}
