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
 * @param memberInfluence weight of a faction's members' share of a region's living people in its presence there
 * @param headquartersInfluence presence a faction's headquarters gives it in the headquarters' region
 * @param influenceStep most a faction's influence in a region moves towards its presence in a day
 * @param unknownStability stability of a faction that has none recorded
 * @param controlMargin lead in influence over the controller at which a faction takes control of a region
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
        @DefaultValue("0.7") double memberInfluence,
        @DefaultValue("0.3") double headquartersInfluence,
        @DefaultValue("0.01") double influenceStep,
        @DefaultValue("0.5") double unknownStability,
        @DefaultValue("0.2") double controlMargin,
        @DefaultValue("7") int warSeverity,
        @DefaultValue("7") int historySignificance) {
}
