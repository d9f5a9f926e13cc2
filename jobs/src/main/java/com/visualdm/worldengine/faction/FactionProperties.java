package com.visualdm.worldengine.faction;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Constants of the faction rules (docs/rules.md, "Factions, tension and war"), under {@code world-engine.faction.*}.
 *
 * @param tensionDecay points tension moves towards 0 each day (none at war; allies every other day)
 * @param warTension tension at which two factions go to war
 * @param allianceTension tension at or below which two factions become allies
 * @param allianceEndTension tension at or above which an alliance ends
 * @param shortestWarDays least days a war lasts before it ends by its deadline
 * @param longestWarDays most days a war lasts
 * @param battleChance daily chance of a battle in a war
 * @param homeAdvantage factor on the strength of the side fighting in a region it controls
 * @param decisiveLead battles one side must lead by to end the war
 * @param transferShare share of the loser's gold, military and food that goes to the winner
 * @param decisiveTransferShare the share when the loser won no battle
 * @param postWarTension tension between the two factions once a war ends
 * @param warInfluence influence the winner gains (and the loser loses) in each region the loser controls
 * @param warSeverity severity of the combat event that declares a war
 * @param historySignificance significance of the history records of wars, peace and alliances
 */
@ConfigurationProperties("world-engine.faction")
public record FactionProperties(
        @DefaultValue("1") int tensionDecay,
        @DefaultValue("70") int warTension,
        @DefaultValue("-50") int allianceTension,
        @DefaultValue("0") int allianceEndTension,
        @DefaultValue("10") int shortestWarDays,
        @DefaultValue("30") int longestWarDays,
        @DefaultValue("0.3") double battleChance,
        @DefaultValue("1.2") double homeAdvantage,
        @DefaultValue("3") int decisiveLead,
        @DefaultValue("0.15") double transferShare,
        @DefaultValue("0.3") double decisiveTransferShare,
        @DefaultValue("40") int postWarTension,
        @DefaultValue("0.1") double warInfluence,
        @DefaultValue("7") int warSeverity,
        @DefaultValue("7") int historySignificance) {
}
