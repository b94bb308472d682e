package io.warden.daemon.config;

import static io.warden.daemon.config.Cfg.parse;
import static io.warden.daemon.config.Cfg.parseWith;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FourLetterWordsTest {

    @Test
    void byDefaultOnlySrvrIsEnabled() throws ConfigException {
        assertThat(parse("dataDir=/d").config().fourLetterWords()).containsExactly("srvr");
    }

    @Test
    void theListIsCommaSeparatedAndTrimmedAndSrvrIsAlwaysThere() throws ConfigException {
        assertThat(parse("dataDir=/d", "4lw.commands.whitelist=stat, ruok, conf, isro").config().fourLetterWords())
                .containsExactly("conf", "isro", "ruok", "srvr", "stat");
        assertThat(parse("dataDir=/d", "4lw.commands.whitelist= , mntr,,  ").config().fourLetterWords())
                .containsExactly("mntr", "srvr");
        assertThat(parse("dataDir=/d", "4lw.commands.whitelist=").config().fourLetterWords())
                .containsExactly("srvr");
    }

    @Test
    void anAsteriskEnablesEveryCommand() throws ConfigException {
        assertThat(parse("dataDir=/d", "4lw.commands.whitelist=*").config().fourLetterWords())
                .containsExactlyInAnyOrderElementsOf(FourLetterWords.ALL)
                .hasSize(18);
        assertThat(parse("dataDir=/d", "4lw.commands.whitelist=stat, *").config().fourLetterWords())
                .hasSize(18);
    }

    @Test
    void anUnknownNameIsKeptWithAWarning() throws ConfigException {
        ParsedConfig parsed = parse("dataDir=/d", "clientPort=1", "4lw.commands.whitelist=stat, kill");
        assertThat(parsed.config().fourLetterWords()).containsExactly("kill", "srvr", "stat");
        assertThat(parsed.warnings())
                .containsExactly("zoo.cfg line 3: 'kill' is not a four-letter word ZooKeeper knows");
    }

    @Test
    void readOnlyModeAddsIsroOnlyAsTheExactSystemPropertyTrue() throws ConfigException {
        assertThat(parseWith(Map.of("readonlymode.enabled", "true"), "dataDir=/d").config().fourLetterWords())
                .containsExactly("isro", "srvr");
        assertThat(parseWith(Map.of("readonlymode.enabled", "TRUE"), "dataDir=/d").config().fourLetterWords())
                .containsExactly("srvr");
        ParsedConfig inFile = parse("dataDir=/d", "clientPort=1", "readonlymode.enabled=true");
        assertThat(inFile.config().fourLetterWords()).containsExactly("srvr");
        assertThat(inFile.warnings()).hasSize(1).first().asString()
                .startsWith("zoo.cfg line 3: readonlymode.enabled has no effect in a configuration file");
    }
}
