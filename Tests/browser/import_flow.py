#!/usr/bin/env python3
"""The PMO brings a portfolio list in from a spreadsheet: upload a CSV on the Data page, see a broken
file refused with the line and field named, then preview a good file, check the preview table and
commit it. Run by the Swift test `ImportBrowserTests`, which passes the two files."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

import lodestar_browser as lb


def upload(driver, wait, args, path):
    driver.get(args.base_url + "/data")
    wait.until(EC.presence_of_element_located((By.ID, "file")))
    Select(driver.find_element(By.ID, "format")).select_by_value("csv")
    driver.find_element(By.ID, "columns").send_keys("Project No = Code")
    driver.find_element(By.ID, "file").send_keys(path)
    driver.find_element(By.CSS_SELECTOR, "form.edit button[type=submit]").click()


def import_flow(driver, wait, args):
    lb.sign_in(driver, wait, args, "/data")
    assert driver.find_element(By.TAG_NAME, "h1").text == "Data: import and export"
    assert driver.find_element(By.CSS_SELECTOR, "label[for=file]").text == "File"

    # A broken file: refused, with where and why, and nothing saved.
    upload(driver, wait, args, args.bad_file)
    errors = wait.until(EC.presence_of_element_located((By.ID, "import-errors")))
    assert "bad.csv:3" in errors.text and "Planned start" in errors.text, errors.text
    lb.screenshot(driver, args, "import-error")

    # A good file: the preview lists every record before anything is saved.
    upload(driver, wait, args, args.good_file)
    summary = wait.until(EC.presence_of_element_located((By.ID, "preview-summary")))
    assert "2 to create" in summary.text, summary.text
    rows = driver.find_elements(By.CSS_SELECTOR, "#preview-table tbody tr")
    assert len(rows) == 2, len(rows)
    assert driver.find_elements(By.CSS_SELECTOR, "#preview-table th[scope=col]")
    lb.screenshot(driver, args, "import-preview")

    driver.find_element(By.ID, "commit-import").click()
    notice = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "p.flash")))
    assert "2 created" in notice.text, notice.text
    assert "good.csv" in driver.find_element(By.ID, "history-title").find_element(By.XPATH, "..").text
    lb.screenshot(driver, args, "import-done")


import_flow.arguments = lambda: lb.arguments("--good-file", "--bad-file")

if __name__ == "__main__":
    lb.run(import_flow)
