package live.catwalk.core.credential.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnvVarNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"API_KEY", "_PRIVATE", "GITHUB_TOKEN2", "A", "BRAVE_API_KEY", "GITHUB_PERSONAL_ACCESS_TOKEN",
            "GITLAB_PERSONAL_ACCESS_TOKEN", "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GOOGLE_API_KEY", "DATABASE_URL",
            "POSTGRES_CONNECTION_STRING", "SLACK_BOT_TOKEN", "SLACK_TEAM_ID", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "AWS_REGION", "NODE_ENV", "RUST_LOG", "TZ", "LOG_LEVEL", "DEBUG", "PORT", "ALLOWED_DIRECTORIES",
            "NOTION_API_TOKEN", "SENTRY_DSN", "REDIS_URL", "CACHE_DIR", "MAKER_API_KEY"})
    void ordinaryApplicationVariablesAreAccepted(String name) {
        assertEquals(Optional.empty(), EnvVarName.problem(name));
        assertEquals(name, new EnvVarName(name).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"api_key", "npm_config_registry", "2FAST", "WITH-DASH", "", "WITH SPACE", "A=B"})
    void malformedNamesAreRefusedWithTheRule(String name) {
        assertTrue(EnvVarName.problem(name).orElseThrow().contains("[A-Z_][A-Z0-9_]*"));
        assertThrows(IllegalArgumentException.class, () -> new EnvVarName(name));
    }

    /** Every name the security probe (F8) showed accepted, with the family that now refuses it. */
    @ParameterizedTest
    @CsvSource({
            "PYTHONWARNINGS, PYTHON*", "BROWSER, BROWSER", "SHELLOPTS, SHELL*", "BASHOPTS, BASH*", "PS4, PS1-PS4",
            "GIT_SSH_COMMAND, GIT_*", "GIT_ASKPASS, GIT_*", "SSH_ASKPASS, SSH_*", "GIT_CONFIG_COUNT, GIT_*",
            "GIT_CONFIG_KEY_0, GIT_*", "GIT_CONFIG_VALUE_0, GIT_*", "GIT_EXEC_PATH, GIT_*", "GCONV_PATH, GCONV_PATH",
            "LOCPATH, LOCPATH", "HOSTALIASES, HOSTALIASES", "PREFIX, PREFIX", "XDG_CONFIG_HOME, XDG_*",
            "XDG_CACHE_HOME, XDG_*", "XDG_DATA_HOME, XDG_*", "HTTPS_PROXY, *_PROXY", "HTTP_PROXY, *_PROXY",
            "ALL_PROXY, *_PROXY", "NO_PROXY, *_PROXY", "NODE_REDIRECT_WARNINGS, NODE_*", "NODE_V8_COVERAGE, NODE_*",
            "NODE_COMPILE_CACHE, NODE_*", "NODE_ICU_DATA, NODE_*", "NODE_REPL_EXTERNAL_MODULE, NODE_*",
            "PERLLIB, PERL*", "PYTHONBREAKPOINT, PYTHON*", "PYTHONPLATLIBDIR, PYTHON*", "PYTHONEXECUTABLE, PYTHON*",
            "AWS_CA_BUNDLE, *_CA_*", "GIT_SSL_CAINFO, GIT_*", "NIX_SSL_CERT_FILE, *_SSL_*",
            "GRPC_DEFAULT_SSL_ROOTS_FILE_PATH, *_SSL_*", "COREPACK_NPM_REGISTRY, COREPACK_*", "YARN_REGISTRY, YARN_*",
            "GLIBC_TUNABLES, GLIBC_*", "MALLOC_CONF, MALLOC_*"})
    void everyNameOfTheProbeIsRefusedNamingItsFamily(String name, String family) {
        String problem = EnvVarName.problem(name).orElseThrow(() -> new AssertionError(name + " was accepted"));

        assertTrue(problem.startsWith("is refused: "), problem);
        assertTrue(problem.contains(family), name + ": " + problem);
    }

    /** Members of each family that nobody listed: the rule is the pattern, not the examples. */
    @ParameterizedTest
    @CsvSource({
            "LD_PRELOAD, dynamic loader", "LD_AUDIT, dynamic loader", "DYLD_INSERT_LIBRARIES, dynamic loader",
            "NLSPATH, C library", "RESOLV_HOST_CONF, C library", "LOCALDOMAIN, C library", "MALLOC_ARENA_MAX, C library",
            "PYTHONPATH, Python", "PYTHONSTARTUP, Python", "PYTHONHOME, Python", "PIP_INDEX_URL, Python packages",
            "PIP_CONFIG_FILE, Python packages", "UV_INDEX_URL, Python packages", "UV_PYTHON, Python packages",
            "VIRTUAL_ENV, Python packages", "CONDA_PREFIX, Python packages", "PIPX_HOME, Python packages",
            "NODE_OPTIONS, Node.js", "NODE_PATH, Node.js", "NODE_EXTRA_CA_CERTS, Node.js",
            "NODE_TLS_REJECT_UNAUTHORIZED, Node.js", "NPM_CONFIG_REGISTRY, package manager", "NPM_TOKEN, package manager",
            "PNPM_HOME, package manager", "BUN_INSTALL, package manager", "DENO_DIR, package manager",
            "RUBYOPT, Ruby", "GEM_HOME, Ruby", "BUNDLE_GEMFILE, Ruby", "PERL5OPT, Perl", "PERL5LIB, Perl",
            "JAVA_TOOL_OPTIONS, JVM", "_JAVA_OPTIONS, JVM", "JDK_JAVA_OPTIONS, JVM", "CLASSPATH, JVM",
            "GOFLAGS, toolchains", "GOPROXY, toolchains", "CARGO_HOME, toolchains", "RUSTC_WRAPPER, toolchains",
            "DOTNET_STARTUP_HOOKS, toolchains", "CORECLR_PROFILER_PATH, toolchains", "PHPRC, interpreters",
            "LUA_INIT, interpreters", "CC, native code", "CXX, native code", "CFLAGS, native code",
            "LDFLAGS, native code", "MAKEFLAGS, native code", "PKG_CONFIG_PATH, native code", "GIT_DIR, git",
            "GIT_TEMPLATE_DIR, git", "HGRCPATH, Mercurial", "SVN_SSH, Subversion", "ELECTRON_RUN_AS_NODE, program",
            "SSH_AUTH_SOCK, ssh", "GNUPGHOME, ssh", "XDG_RUNTIME_DIR, directories",
            "FTP_PROXY, another host", "BASH_ENV, shell", "BASH_FUNC_X, shell", "ENV, shell", "PS1, shell",
            "PROMPT_COMMAND, shell", "IFS, shell", "CDPATH, shell", "HISTFILE, shell", "ZDOTDIR, shell",
            "EDITOR, program", "VISUAL, program", "PAGER, program", "LESSOPEN, program", "SUDO_ASKPASS, ASKPASS",
            "PUPPETEER_EXECUTABLE_PATH, program", "SSL_CERT_FILE, certificates", "SSL_CERT_DIR, certificates",
            "SSLKEYLOGFILE, certificates", "REQUESTS_CA_BUNDLE, certificates", "CURL_CA_BUNDLE, certificates",
            "CURL_HOME, certificates", "WGETRC, certificates", "OPENSSL_CONF, certificates", "KRB5_CONFIG, certificates",
            "NIX_PATH, certificates", "GRPC_TRACE, certificates", "PGSSLROOTCERT, certificates",
            "DBUS_SESSION_BUS_ADDRESS, host's services", "PATH, set by Catwalk", "HOME, set by Catwalk",
            "USER, set by Catwalk", "LOGNAME, set by Catwalk", "SHELL, shell", "TMPDIR, set by Catwalk",
            "TERM, set by Catwalk", "TERMINFO, set by Catwalk", "LANG, set by Catwalk", "LC_ALL, set by Catwalk",
            "CATWALK_KEYSET, Catwalk itself"})
    void otherMembersOfEachFamilyAreRefusedWithTheReason(String name, String reason) {
        String problem = EnvVarName.problem(name).orElseThrow(() -> new AssertionError(name + " was accepted"));

        assertTrue(problem.contains(reason), name + ": " + problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PATH", "HTTPS_PROXY", "PYTHONWARNINGS"})
    void aRefusedNameIsStillAWellFormedNameSoOldRowsStayReadable(String name) {
        EnvVarName stored = new EnvVarName(name);

        assertTrue(stored.refusal().isPresent());
    }
}
