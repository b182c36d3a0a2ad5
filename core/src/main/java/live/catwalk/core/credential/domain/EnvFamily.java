package live.catwalk.core.credential.domain;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A family of environment variable names that change how a runtime, shell, git, package manager, proxy,
 * TLS stack or loader behaves, matched by pattern so that a family's next member is refused too. Each has a
 * label for messages and the reason it is refused.
 */
record EnvFamily(String label, Pattern pattern, String why) {

    /** Names allowed although a family pattern matches them: they only tell an app how to behave. */
    private static final Pattern EXCEPTIONS = Pattern.compile("NODE_ENV");

    static final List<EnvFamily> ALL = List.of(
            of("LD_* and DYLD_* variables", "(LD|DYLD)_.*", "change what the dynamic loader loads into every program"),
            of("C library variables (GCONV_PATH, LOCPATH, NLSPATH, HOSTALIASES, RESOLV_*, LOCALDOMAIN, RES_OPTIONS,"
                            + " GLIBC_*, MALLOC_*, TZDIR)",
                    "GCONV_PATH|LOCPATH|NLSPATH|HOSTALIASES|RESOLV_.*|LOCALDOMAIN|RES_OPTIONS|GLIBC_.*|MALLOC_.*|TZDIR"
                            + "|GETCONF_DIR", "make the C library load modules, files or settings from where they point"),
            of("PYTHON* variables", "PYTHON.*", "change how Python finds, loads and runs code"),
            of("Python packaging variables (PIP_*, PIPX_*, UV_*, VIRTUAL_ENV, CONDA*, POETRY_*, PDM_*, PYENV*)",
                    "(PIP|PIPX|UV|POETRY|PDM|HATCH|TWINE|SETUPTOOLS|DISTUTILS)(_.*)?|_?VIRTUAL_ENV.*|_?CONDA.*|PYENV.*",
                    "change where Python packages come from and how they are built"),
            of("NODE_* variables", "NODE_.*", "change how Node.js loads code and where it reads or writes files"),
            of("JavaScript package manager variables (NPM_*, YARN_*, PNPM_*, COREPACK_*, BUN_*, DENO_*, PREFIX)",
                    "(NPM|NPX|YARN|PNPM|COREPACK|BUN|DENO|BERRY|NVM|VOLTA|FNM)(_.*)?|PREFIX",
                    "change where packages come from and what the package manager runs"),
            of("Ruby variables (RUBY*, GEM_*, BUNDLE_*)", "RUBY.*|GEM_.*|BUNDLE_.*|BUNDLER_.*|RBENV.*",
                    "change how Ruby finds and loads code"),
            of("PERL* variables", "PERL.*", "change how Perl finds and loads code"),
            of("Java variables (JAVA_*, JDK_*, _JAVA_OPTIONS, CLASSPATH, MAVEN_*, GRADLE_*)",
                    "_?JAVA_.*|JDK_.*|CLASSPATH|MAVEN_.*|GRADLE_.*|M2_HOME|ANT_.*", "change how the JVM loads code"),
            of("Go, Rust and .NET variables (GO*, CGO_*, CARGO_*, RUSTC*, RUSTFLAGS, RUSTUP_*, DOTNET_*, CORECLR_*)",
                    "GO[A-Z0-9]*|CGO_.*|CARGO_.*|RUSTC.*|RUSTFLAGS|RUSTDOC.*|RUSTUP_.*|DOTNET_.*|CORECLR_.*|COMPLUS_.*",
                    "change how those toolchains fetch, build and load code"),
            of("other interpreter variables (PHP*, LUA_*, TCL*, R_*)", "PHP.*|LUA_.*|TCL.*|TK_LIBRARY|R_.*",
                    "change how those interpreters find and run code"),
            of("compiler and build variables (CC, CXX, LD, CFLAGS, LDFLAGS, MAKE*, CMAKE_*, PKG_CONFIG*, GYP_*)",
                    "CC|CXX|CPP|LD|AR|AS|NM|RANLIB|STRIP|OBJCOPY|OBJDUMP|READELF|CPATH|LIBRARY_PATH|C_INCLUDE_PATH"
                            + "|CPLUS_INCLUDE_PATH|(C|CXX|CPP|LD|F)FLAGS|MAKE[A-Z]*|CMAKE_.*|GYP_.*|PKG_CONFIG.*|CCACHE_.*"
                            + "|DISTCC_.*", "choose the programs and flags used when a package builds native code"),
            of("version control variables (GIT_*, HG*, SVN_*)", "GIT_.*|HG[A-Z]*|SVN_.*",
                    "make git, Mercurial or Subversion run programs or read configuration they name"),
            of("SSH and GnuPG variables (SSH_*, GNUPG*, GPG_*)", "SSH_.*|GNUPG.*|GPG_.*",
                    "make ssh or gpg run programs, or use keys and agents they name"),
            of("XDG_* variables", "XDG_.*", "move the configuration, cache and data directories tools read"),
            of("proxy variables (*_PROXY)", ".*_PROXY", "send the server's traffic, package downloads included,"
                    + " through another host"),
            of("shell variables (BASH*, SHELL*, ENV, PS1-PS4, PROMPT_COMMAND, IFS, CDPATH, HIST*, ZDOTDIR)",
                    "BASH.*|SHELL.*|ENV|PS[0-9]|PROMPT_COMMAND|IFS|CDPATH|GLOBIGNORE|FIGNORE|FUNCNEST|EXECIGNORE"
                            + "|HIST[A-Z]*|INPUTRC|MAIL|MAILPATH|MAILCHECK|ZDOTDIR|ZSH.*|FPATH|KSH.*|COMP_.*|SHLVL"
                            + "|POSIXLY_CORRECT|PWD|OLDPWD", "change what a shell runs"),
            of("variables naming a program to start (BROWSER, EDITOR, VISUAL, PAGER, LESS*, *ASKPASS*, SUDO_*,"
                            + " PUPPETEER_*, PLAYWRIGHT_*)",
                    "BROWSER|EDITOR|VISUAL|PAGER|MANPAGER|LESS[A-Z]*|.*ASKPASS.*|SUDO_.*|PUPPETEER_.*|PLAYWRIGHT_.*"
                            + "|CHROME_PATH|CHROME_BIN|ELECTRON_.*", "make tools start the program they name"),
            of("TLS trust variables (SSL*, *_SSL_*, *_CA_*, *CA_BUNDLE*, *CAINFO*, *CAPATH*, *CERT*, OPENSSL*, CURL*,"
                            + " WGET*, KRB5*, NIX_*, GRPC_*)",
                    "SSL.*|.*_SSL_.*|.*_CA_.*|CA_.*|.*_CA|.*CA_BUNDLE.*|.*CAINFO.*|.*CAPATH.*|.*CERT.*|OPENSSL.*|CURL.*"
                            + "|WGET.*|KRB5.*|NIX_.*|GRPC_.*",
                    "change which certificates, keys or crypto settings tools trust"),
            of("system bus variables (DBUS_*, SYSTEMD_*, NOTIFY_SOCKET)", "DBUS_.*|SYSTEMD_.*|NOTIFY_SOCKET",
                    "connect the server to the host's services"),
            of("basic process variables (PATH, HOME, USER, LOGNAME, TMPDIR, TERM*, LANG, LC_*)",
                    "PATH|HOME|USER|LOGNAME|TMPDIR|TMP|TEMP|TEMPDIR|TERM.*|LANG|LANGUAGE|LC_.*",
                    "are set by Catwalk for every server"),
            of("CATWALK_* variables", "CATWALK_.*", "belong to Catwalk itself"));

    private static EnvFamily of(String label, String regex, String why) {
        return new EnvFamily(label, Pattern.compile(regex), why);
    }

    /** The first family {@code name} belongs to; empty if the name is none of them (or an allowed exception). */
    static Optional<EnvFamily> of(String name) {
        if (EXCEPTIONS.matcher(name).matches()) {
            return Optional.empty();
        }
        return ALL.stream().filter(f -> f.pattern.matcher(name).matches()).findFirst();
    }

    /** Why a name of this family is refused, phrased to follow the name. */
    String refusal() {
        return "is refused: " + label + " " + why;
    }
}
