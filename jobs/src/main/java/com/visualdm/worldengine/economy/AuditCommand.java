package com.visualdm.worldengine.economy;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import com.visualdm.worldengine.cli.WorldEngineCommand;
import com.visualdm.worldengine.cli.WorldNameConverter;
import com.visualdm.worldengine.system.ExitCode;
import com.visualdm.worldengine.world.WorldName;
import com.visualdm.worldengine.world.WorldService;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Check a world's ledger: holdings against the sum of transactions, trades against their "
                + "transactions, bought goods against their owners, no negative balances or quantities.",
                "Prints one line per check with a few offending rows; exits 5 if any check fails. Read-only."})
public class AuditCommand implements Callable<Integer> {

    @ParentCommand
    WorldEngineCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--world", required = true, paramLabel = "NAME", converter = WorldNameConverter.class,
            description = "The world to check.")
    WorldName world;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        root.runtime().bean(WorldService.class).require(world);
        LedgerAudit audit = root.runtime().bean(LedgerAudit.class);
        List<LedgerAudit.Finding> findings = audit.audit(world);
        for (LedgerAudit.Finding finding : findings) {
            out.printf("%-4s %s%s%n", finding.ok() ? "ok" : "FAIL", finding.check(),
                    finding.ok() ? "" : ": " + finding.count() + " offending");
            finding.examples().forEach(example -> out.println("       " + example));
        }
        out.println("Money of world '" + world + "': " + audit.totals(world));
        boolean ok = findings.stream().allMatch(LedgerAudit.Finding::ok);
        out.println(ok ? "The ledger adds up." : "The ledger does not add up.");
        return ok ? ExitCode.SUCCESS.code() : ExitCode.AUDIT_FAILED.code();
    }
}
