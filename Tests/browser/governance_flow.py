#!/usr/bin/env python3
"""Governance in a real browser: open the gates board, request a gate review for an initiative by
attesting its business case, decide it as its maker, then read the decision log and the RAID
register's heat map. Run by the Swift test `GovernanceBrowserTests`."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

import lodestar_browser as lb


def governance_flow(driver, wait, args):
    lb.sign_in(driver, wait, args, "/governance")
    wait.until(EC.presence_of_element_located((By.ID, "board-title")))
    assert driver.find_element(By.TAG_NAME, "h1").text == "Governance"
    lb.screenshot(driver, args, "gates-board")

    # Open the initiative from its gate column and request its next gate.
    driver.find_element(By.PARTIAL_LINK_TEXT, args.initiative).click()
    wait.until(EC.presence_of_element_located((By.ID, "evidence")))
    driver.find_element(By.CSS_SELECTOR, "label[for=attest_business_case]").click()
    driver.find_element(By.CSS_SELECTOR, "#request-review button[type=submit]").click()
    wait.until(EC.text_to_be_present_in_element((By.ID, "flash"), "Review requested"))
    lb.screenshot(driver, args, "review-requested")

    # The signed-in admin may decide it: pass with conditions needs its conditions.
    Select(driver.find_element(By.ID, "outcome")).select_by_value("pass_with_conditions")
    driver.find_element(By.ID, "rationale").send_keys("Case is sound")
    driver.find_element(By.CSS_SELECTOR, "#decide-review button[type=submit]").click()
    wait.until(EC.presence_of_element_located((By.ID, "form-errors")))
    assert "conditions" in driver.find_element(By.ID, "form-errors").text
    Select(driver.find_element(By.ID, "outcome")).select_by_value("pass_with_conditions")
    driver.find_element(By.ID, "conditions").send_keys("Name a product owner")
    driver.find_element(By.ID, "rationale").send_keys("Case is sound")
    driver.find_element(By.CSS_SELECTOR, "#decide-review button[type=submit]").click()
    wait.until(EC.text_to_be_present_in_element((By.ID, "flash"), "Gate decided"))
    assert "Passed With Conditions" in driver.find_element(By.ID, "reviews-title").find_element(By.XPATH, "..").text
    lb.screenshot(driver, args, "gate-decided")

    # The decision log counts it; the register draws its heat maps.
    driver.find_element(By.LINK_TEXT, "Governance").click()
    driver.find_element(By.LINK_TEXT, "Decisions").click()
    wait.until(EC.presence_of_element_located((By.ID, "latency-median")))
    assert driver.find_element(By.ID, "latency-median").text != "—"
    lb.screenshot(driver, args, "decision-log")
    driver.find_element(By.LINK_TEXT, "RAID and escalations").click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "svg.heatmap")))
    assert len(driver.find_elements(By.CSS_SELECTOR, "svg.heatmap title")) == 2
    lb.screenshot(driver, args, "raid-register")


governance_flow.arguments = lambda: lb.arguments("--initiative")

if __name__ == "__main__":
    lb.run(governance_flow)
